using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// One actor system per test with Akka's in-memory TestJournal, which outlives the partition actors (so restarts
/// recover from it) and whose writes a test can hold or fail, a manual clock for retention, and helpers that send the
/// Protocol's requests and take the answers.
/// </summary>
public abstract class PartitionTestBase : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TopicPartition Orders0 = new("orders", 0);

    protected PartitionTestBase(ITestOutputHelper output, string? config = null) : base(TestConfigs.Broker(config, TestConfigs.TestJournal), "partition-tests", output)
    {
        TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null)).OnWrite.SetInterceptorAsync(Journal).GetAwaiter().GetResult();
        JournalAccess = new JournalAccess(Sys, CreateTestProbe());
    }

    protected Guid TopicId { get; } = Guid.NewGuid();

    private protected FlakyJournal Journal { get; } = new();

    private protected JournalAccess JournalAccess { get; }

    private protected ManualClock Clock { get; } = new(1_700_000_000_000);

    protected string PersistenceId => PartitionActor.PersistenceIdOf(TopicId, Orders0);

    /// <summary>Lets held journal writes go first: the journal's writer must finish before the system can terminate.</summary>
    protected override void AfterAll()
    {
        Journal.ReleaseWrites();
        base.AfterAll();
    }

    protected PartitionSettings Settings(Func<PartitionSettings, PartitionSettings>? change = null)
    {
        var settings = PartitionSettings.Create(Sys) with { Clock = Clock };
        return change is null ? settings : change(settings);
    }

    protected IActorRef StartPartition(TopicConfig? config = null, PartitionSettings? settings = null) =>
        Sys.ActorOf(PartitionActor.Props(Orders0, TopicId, config ?? TopicConfig.Default, settings ?? Settings()));

    /// <summary>Stops <paramref name="partition"/> and starts a new incarnation on the same journal.</summary>
    protected IActorRef Restart(IActorRef partition, TopicConfig? config = null, PartitionSettings? settings = null)
    {
        Watch(partition);
        Sys.Stop(partition);
        ExpectTerminated(partition);
        return StartPartition(config, settings);
    }

    protected ProduceResponse Produce(IActorRef partition, RecordBatch batch, Acks acks = Acks.Leader, long correlationId = 0)
    {
        partition.Tell(new ProduceRequest(Orders0, acks, 5_000, batch, correlationId), TestActor);
        return ExpectMsg<ProduceResponse>(r => r.CorrelationId == correlationId);
    }

    /// <summary>Produces and asserts success; returns the base offset.</summary>
    protected long Append(IActorRef partition, RecordBatch batch)
    {
        var response = Produce(partition, batch);
        Assert.Equal(ErrorCode.None, response.Error);
        return response.BaseOffset;
    }

    protected static FetchRequest FetchFrom(long offset, int maxBytes = 1 << 20, int minBytes = 0, int maxWaitMs = 0, long correlationId = 0) =>
        new(Orders0, offset, maxBytes, minBytes, maxWaitMs, -1, null, correlationId);

    protected FetchResponse Fetch(IActorRef partition, long offset, int maxBytes = 1 << 20)
    {
        partition.Tell(FetchFrom(offset, maxBytes), TestActor);
        return ExpectMsg<FetchResponse>();
    }

    protected ListOffsetsResponse ListOffsets(IActorRef partition, long timestamp)
    {
        partition.Tell(new ListOffsetsRequest(Orders0, timestamp, 7), TestActor);
        return ExpectMsg<ListOffsetsResponse>();
    }

    /// <summary>The partition's latest offset (its high watermark) by list-offsets.</summary>
    protected long Latest(IActorRef partition) => ListOffsets(partition, ListOffsetsRequest.Latest).Offset;

    private protected RetentionCompleted RunRetention(IActorRef partition)
    {
        partition.Tell(ActorBroker.Broker.Partitions.RunRetention.Instance, TestActor);
        return ExpectMsg<RetentionCompleted>();
    }

    /// <summary>The sequence numbers of the partition's events still in the journal.</summary>
    protected Task<List<long>> StoredSequenceNrsAsync() => JournalAccess.StoredSequenceNrsAsync(PersistenceId);

    /// <summary>Writes events straight into the journal, as an earlier incarnation would have.</summary>
    protected Task WriteEventsAsync(params object[] events) => JournalAccess.WriteEventsAsync(PersistenceId, events);
}
