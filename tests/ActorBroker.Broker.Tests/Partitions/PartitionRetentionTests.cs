using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionRetentionTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    private static readonly TopicConfig OneMinute = TopicConfig.Default with { RetentionMs = 60_000 };

    [Fact]
    public async Task Retention_by_time_deletes_the_old_batches_and_later_offsets_stay()
    {
        var partition = StartPartition(OneMinute);
        var now = Clock.NowMs;
        Append(partition, Batches.Of(2, timestamp: now - 120_000));
        Append(partition, Batches.Of(2, timestamp: now - 90_000));
        Append(partition, Batches.Of(2, timestamp: now - 30_000));
        Append(partition, Batches.Of(2, timestamp: now - 120_000)); // old, but behind a young one: stays

        var done = RunRetention(partition);
        Assert.Equal((4L, 8L, 2), (done.LogStartOffset, done.LogEndOffset, done.DeletedBatches));
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(partition, 3).Error);
        Assert.Equal([4L, 5, 6, 7], Batches.OffsetsOf(Fetch(partition, 4).Batches));
        Assert.Equal([3L, 4, 5], await StoredSequenceNrsAsync()); // batches 3 and 4 and the log start marker

        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(8, RunRetention(partition).LogStartOffset);
        Assert.Equal(8, Append(partition, Batches.Of(1, timestamp: Clock.NowMs)));
    }

    [Fact]
    public void Retention_by_size_deletes_whole_oldest_batches_until_the_partition_fits()
    {
        var size = Batches.Of(3).SizeInBytes;
        var partition = StartPartition(TopicConfig.Default with { RetentionMs = -1, RetentionBytes = 2L * size + size / 2 });
        for (var i = 0; i < 5; i++) Append(partition, Batches.Of(3));

        var done = RunRetention(partition);
        Assert.Equal((9L, 15L, 3, 3L * size), (done.LogStartOffset, done.LogEndOffset, done.DeletedBatches, done.DeletedBytes));
        var response = Fetch(partition, 9);
        Assert.Equal(9, response.LogStartOffset);
        Assert.Equal(Enumerable.Range(9, 6).Select(i => (long)i), Batches.OffsetsOf(response.Batches));
        Assert.Equal(0, RunRetention(partition).DeletedBatches);
    }

    [Fact]
    public void After_retention_and_a_restart_the_log_start_and_end_offsets_are_right()
    {
        var partition = StartPartition(OneMinute);
        Append(partition, Batches.Of(3, timestamp: Clock.NowMs - 120_000));
        Append(partition, Batches.Of(3, timestamp: Clock.NowMs));
        Assert.Equal(3, RunRetention(partition).LogStartOffset);

        partition = Restart(partition, OneMinute);
        Assert.Equal(3, ListOffsets(partition, ListOffsetsRequest.Earliest).Offset);
        Assert.Equal(6, ListOffsets(partition, ListOffsetsRequest.Latest).Offset);
        Assert.Equal([3L, 4, 5], Batches.OffsetsOf(Fetch(partition, 3).Batches));
        Assert.Equal(6, Append(partition, Batches.Of(1, timestamp: Clock.NowMs)));
    }

    [Fact]
    public void When_retention_deleted_every_batch_numbering_survives_a_restart()
    {
        var partition = StartPartition(OneMinute);
        Append(partition, Batches.Of(4, timestamp: Clock.NowMs - 120_000));
        Append(partition, Batches.Of(3, timestamp: Clock.NowMs - 120_000));
        var done = RunRetention(partition);
        Assert.Equal((7L, 7L, 2), (done.LogStartOffset, done.LogEndOffset, done.DeletedBatches));

        partition = Restart(partition, OneMinute);
        var response = Fetch(partition, 7);
        Assert.Equal((ErrorCode.None, 7L, 7L), (response.Error, response.LogStartOffset, response.HighWatermark));
        Assert.Empty(response.Batches);
        Assert.Equal(7, Append(partition, Batches.Of(1, timestamp: Clock.NowMs)));
    }

    [Fact]
    public async Task Recovery_finishes_a_retention_whose_delete_did_not_happen()
    {
        // As if a partition journaled the new log start and stopped before deleting the old events.
        await WriteEventsAsync(Batches.Stored(0, 2), Batches.Stored(2, 2), new LogStartOffsetAdvanced(2), Batches.Stored(4, 1));

        var partition = StartPartition(OneMinute with { RetentionMs = -1 });
        Assert.Equal(2, ListOffsets(partition, ListOffsetsRequest.Earliest).Offset);
        Assert.Equal([2L, 3, 4], Batches.OffsetsOf(Fetch(partition, 2).Batches));
        await AwaitAssertAsync(async () => Assert.Equal([2L, 3, 4], await StoredSequenceNrsAsync()));
    }

    [Fact]
    public void Fetches_that_read_the_journal_while_retention_deletes_get_out_of_range_not_wrong_batches()
    {
        var settings = Settings(s => s with { CacheBytes = 0 });
        var partition = StartPartition(TopicConfig.Default with { RetentionMs = -1, RetentionBytes = 0 }, settings);
        for (var i = 0; i < 20; i++) Append(partition, Batches.Of(1));
        var consumer = CreateTestProbe();
        for (var i = 0; i < 20; i++) partition.Tell(FetchFrom(i, maxBytes: 1, correlationId: i), consumer.Ref);
        partition.Tell(ActorBroker.Broker.Partitions.RunRetention.Instance, TestActor);

        for (var i = 0; i < 20; i++)
        {
            var response = consumer.ExpectMsg<FetchResponse>();
            if (response.Error == ErrorCode.OffsetOutOfRange) continue;
            Assert.Equal(ErrorCode.None, response.Error);
            Assert.Equal([response.CorrelationId], Batches.OffsetsOf(response.Batches));
        }
        Assert.Equal(20, ExpectMsg<RetentionCompleted>().LogStartOffset);
    }

    [Fact]
    public void The_retention_timer_runs_without_being_asked()
    {
        var partition = StartPartition(OneMinute, Settings(s => s with { RetentionCheckInterval = TimeSpan.FromMilliseconds(50) }));
        Append(partition, Batches.Of(2, timestamp: Clock.NowMs - 120_000));
        Append(partition, Batches.Of(2, timestamp: Clock.NowMs));

        AwaitAssert(() => Assert.Equal(2, ListOffsets(partition, ListOffsetsRequest.Earliest).Offset));
    }
}
