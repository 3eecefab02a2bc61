using System.Collections.Concurrent;
using System.Globalization;
using Akka.Actor;
using ActorBroker.Broker.Internal;
using Akka.Cluster.Sharding;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Tests;

/// <summary>What the test partitions of every node did, in order, as "what@port:partition:detail" lines.</summary>
public sealed class TestPartitionLog
{
    private readonly ConcurrentQueue<string> _entries = new();
    private volatile bool _ignoreDeletes;

    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>While set, partitions leave DeletePartition unanswered, as a partition stuck on a slow disk would.</summary>
    public bool IgnoreDeletes
    {
        get => _ignoreDeletes;
        set => _ignoreDeletes = value;
    }

    public void Add(string what, int port, TopicPartition partition, object detail) =>
        _entries.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{what}@{port}:{partition}:{detail}"));

    /// <summary>A partition factory whose entities log here.</summary>
    public Func<TopicPartition, Guid, TopicConfig, Props> Factory => (partition, topicId, config) =>
        Props.Create(() => new TestPartition(partition, topicId, config, this));
}

/// <summary>
/// Stands in for the partition log actor: answers produce with an increasing offset, fetch and list offsets with the
/// next offset, and deletes on DeletePartition, logging where it runs and for which topic id.
/// </summary>
public sealed class TestPartition : ReceiveActor
{
    public TestPartition(TopicPartition partition, Guid topicId, TopicConfig config, TestPartitionLog log)
    {
        var port = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.Port ?? 0;
        var next = 0L;
        log.Add("start", port, partition, $"{topicId}:{config.MaxMessageBytes}");
        Receive<ProduceRequest>(r =>
        {
            log.Add("produce", port, partition, next);
            if (r.Acks != Acks.None) Sender.Tell(new ProduceResponse(partition, ErrorCode.None, next, -1, 0, null, r.CorrelationId), Self);
            foreach (var batch in r.Batches) next += batch.RecordCount;
        });
        Receive<FetchRequest>(r => Sender.Tell(new FetchResponse(partition, ErrorCode.None, next, 0, [], null, r.CorrelationId), Self));
        Receive<ListOffsetsRequest>(r => Sender.Tell(new ListOffsetsResponse(partition, ErrorCode.None, -1, next, null, r.CorrelationId), Self));
        Receive<DeletePartition>(d =>
        {
            if (log.IgnoreDeletes) return;
            log.Add("delete", port, d.Partition, d.TopicId);
            Sender.Tell(new PartitionDeleted(d.Partition, d.TopicId, ErrorCode.None, null), Self);
            if (d.TopicId == topicId) Context.Stop(Self);
        });
    }
}
