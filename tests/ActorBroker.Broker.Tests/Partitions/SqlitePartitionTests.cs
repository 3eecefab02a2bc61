using Akka.Actor;
using ActorBroker.Broker.Partitions;
using Akka.Configuration;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// The partition on Akka.Persistence.Sql's SQLite journal: what was acknowledged survives a whole new actor system on
/// the same file, and every batch goes through the journal's serializer (the partition event codec) both ways.
/// </summary>
public sealed class SqlitePartitionTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly TopicPartition Orders0 = new("orders", 0);
    private readonly string _databaseFile;
    private readonly Guid _topicId = Guid.NewGuid();

    public SqlitePartitionTests(ITestOutputHelper output) : this(SqliteJournal.NewDatabaseFile(), output)
    {
    }

    private SqlitePartitionTests(string databaseFile, ITestOutputHelper output) : base(NodeConfig(databaseFile), "sqlite-partition", output) =>
        _databaseFile = databaseFile;

    private static Config NodeConfig(string databaseFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        return TestConfigs.Broker("actorbroker.broker.partition.cache-bytes = 0", SqliteJournal.On(databaseFile));
    }

    [Fact]
    public async Task Acknowledged_batches_survive_a_new_actor_system_on_the_same_file_with_retention_applied()
    {
        var config = TopicConfig.Default with { RetentionMs = -1, RetentionBytes = Batches.Of(2).SizeInBytes * 3L };
        var partition = Sys.ActorOf(PartitionActor.Props(Orders0, _topicId, config, PartitionSettings.Create(Sys)));
        for (var i = 0; i < 5; i++)
        {
            partition.Tell(new ProduceRequest(Orders0, Acks.All, 5_000, Batches.Of(2), i), TestActor);
            var response = ExpectMsg<ProduceResponse>();
            Assert.Equal((ErrorCode.None, 2L * i), (response.Error, response.BaseOffset));
        }
        partition.Tell(RunRetention.Instance, TestActor);
        Assert.Equal(4, ExpectMsg<RetentionCompleted>().LogStartOffset);
        await Sys.Terminate();

        var second = ActorSystem.Create("second", NodeConfig(_databaseFile));
        var probe = CreateTestProbe(second);
        var recovered = second.ActorOf(PartitionActor.Props(Orders0, _topicId, config, PartitionSettings.Create(second)));

        recovered.Tell(new FetchRequest(Orders0, 4, 1 << 20, 0, 0, -1, null, 1), probe.Ref);
        var fetched = probe.ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(5));
        Assert.Equal((ErrorCode.None, 4L, 10L), (fetched.Error, fetched.LogStartOffset, fetched.HighWatermark));
        Assert.Equal([4L, 5, 6, 7, 8, 9], Batches.OffsetsOf(fetched.Batches));
        Assert.All(fetched.Batches, b => Assert.Equal(ErrorCode.None, b.Validate(int.MaxValue).Error));

        recovered.Tell(new ListOffsetsRequest(Orders0, ListOffsetsRequest.Earliest, 2), probe.Ref);
        Assert.Equal(4, probe.ExpectMsg<ListOffsetsResponse>().Offset);
        recovered.Tell(new ProduceRequest(Orders0, Acks.All, 5_000, Batches.Of(1), 3), probe.Ref);
        Assert.Equal(10, probe.ExpectMsg<ProduceResponse>().BaseOffset);
        await second.Terminate();
    }

    void IDisposable.Dispose()
    {
        Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // the pooled connections hold the file open
        var directory = Path.GetDirectoryName(_databaseFile)!;
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
