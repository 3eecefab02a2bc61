using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionRecoveryTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    [Fact]
    public void Acknowledged_batches_are_fetchable_after_the_actor_restarts()
    {
        var partition = StartPartition();
        for (var i = 0; i < 5; i++) Append(partition, Batches.Of(2, timestamp: 1_000 * i));

        partition = Restart(partition);
        var response = Fetch(partition, 0);
        Assert.Equal((0L, 10L), (response.LogStartOffset, response.HighWatermark));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Batches.OffsetsOf(response.Batches));
        Assert.Equal(10, Append(partition, Batches.Of(1)));
    }

    [Fact]
    public void Recovery_fills_the_tail_cache_with_the_newest_batches_only()
    {
        var size = Batches.Of(1).SizeInBytes;
        var settings = Settings(s => s with { CacheBytes = size * 2 });
        var partition = StartPartition(settings: settings);
        for (var i = 0; i < 6; i++) Append(partition, Batches.Of(1));

        partition = Restart(partition, settings: settings);
        Assert.Equal([0L, 1, 2, 3, 4, 5], Batches.OffsetsOf(Fetch(partition, 0).Batches));
        Assert.Equal([4L, 5], Batches.OffsetsOf(Fetch(partition, 4).Batches));
    }

    [Fact]
    public void Stopping_with_appends_in_flight_keeps_every_acknowledged_batch_and_the_numbering_dense()
    {
        var partition = StartPartition();
        var producer = CreateTestProbe();
        for (var i = 0; i < 50; i++) partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, Batches.Of(1), i), producer.Ref);
        Watch(partition);
        Sys.Stop(partition);
        ExpectTerminated(partition);

        // Appends still being written when it stopped are answered NotLeaderOrFollower; those still in its mailbox get nothing.
        var answers = new List<ProduceResponse>();
        while (producer.ReceiveOne(TimeSpan.FromMilliseconds(300)) is ProduceResponse response) answers.Add(response);
        var acknowledged = answers.Where(a => a.Error == ErrorCode.None).Select(a => a.BaseOffset).ToHashSet();
        Assert.All(answers.Where(a => a.Error != ErrorCode.None), a => Assert.Equal(ErrorCode.NotLeaderOrFollower, a.Error));

        partition = StartPartition();
        var stored = Batches.OffsetsOf(Fetch(partition, 0).Batches);
        Assert.Subset(stored.ToHashSet(), acknowledged);
        Assert.Equal(Enumerable.Range(0, stored.Count).Select(i => (long)i), stored);
    }
}
