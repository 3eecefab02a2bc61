using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionListOffsetsTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    [Theory]
    [InlineData(4 * 1024 * 1024)] // answered from the tail cache
    [InlineData(0)] // every batch read from the journal
    public void Earliest_latest_and_by_timestamp(long cacheBytes)
    {
        var partition = StartPartition(TopicConfig.Default with { RetentionMs = -1 }, Settings(s => s with { CacheBytes = cacheBytes }));
        Append(partition, Batches.WithTimestamps(1_000, 1_001, 1_002)); // offsets 0..2
        Append(partition, Batches.WithTimestamps(2_500, 2_000));        // offsets 3..4, not in time order
        Append(partition, Batches.WithTimestamps(3_000));               // offset 5

        Assert.Equal((-1L, 0L), OffsetAt(partition, ListOffsetsRequest.Earliest));
        Assert.Equal((-1L, 6L), OffsetAt(partition, ListOffsetsRequest.Latest));
        Assert.Equal((1_000L, 0L), OffsetAt(partition, 0));
        Assert.Equal((1_001L, 1L), OffsetAt(partition, 1_001));
        Assert.Equal((2_500L, 3L), OffsetAt(partition, 1_500));
        Assert.Equal((2_500L, 3L), OffsetAt(partition, 2_100));
        Assert.Equal((3_000L, 5L), OffsetAt(partition, 2_600));
        Assert.Equal((-1L, -1L), OffsetAt(partition, 3_001));
    }

    [Theory]
    [InlineData(4 * 1024 * 1024)]
    [InlineData(0)]
    public void Max_timestamp_is_the_first_record_with_the_largest_timestamp_below_the_high_watermark(long cacheBytes)
    {
        var partition = StartPartition(TopicConfig.Default with { RetentionMs = -1 }, Settings(s => s with { CacheBytes = cacheBytes }));
        Assert.Equal((-1L, -1L), OffsetAt(partition, ListOffsetsRequest.MaxTimestamp)); // empty

        Append(partition, Batches.WithTimestamps(1_000, 4_000, 1_002)); // offsets 0..2: the largest is in the middle
        Append(partition, Batches.WithTimestamps(2_500, 4_000));        // offsets 3..4: as large, but later
        Append(partition, Batches.WithTimestamps(3_000));               // offset 5

        Assert.Equal((4_000L, 1L), OffsetAt(partition, ListOffsetsRequest.MaxTimestamp));
    }

    [Fact]
    public void Max_timestamp_ignores_a_batch_that_retention_deleted_even_when_it_held_the_largest()
    {
        var newest = Batches.WithTimestamps(9_000);
        var size = newest.SizeInBytes;
        var partition = StartPartition(TopicConfig.Default with { RetentionMs = -1, RetentionBytes = size + size / 2 });
        Append(partition, newest);                          // offset 0: the largest timestamp, deleted by size below
        Append(partition, Batches.WithTimestamps(5_000));   // offset 1
        Assert.Equal(1, RunRetention(partition).LogStartOffset);

        Assert.Equal((5_000L, 1L), OffsetAt(partition, ListOffsetsRequest.MaxTimestamp));
    }

    [Fact]
    public void By_timestamp_skips_batches_that_retention_deleted()
    {
        var partition = StartPartition(TopicConfig.Default with { RetentionMs = 60_000 });
        Append(partition, Batches.WithTimestamps(Clock.NowMs - 120_000));
        Append(partition, Batches.WithTimestamps(Clock.NowMs - 10_000));
        Assert.Equal(1, RunRetention(partition).LogStartOffset);

        Assert.Equal((Clock.NowMs - 10_000, 1L), OffsetAt(partition, 0));
        Assert.Equal((-1L, 1L), OffsetAt(partition, ListOffsetsRequest.Earliest));
    }

    [Fact]
    public void An_unknown_negative_timestamp_and_another_partition_are_refused()
    {
        var partition = StartPartition();
        Assert.Equal(ErrorCode.InvalidRequest, ListOffsets(partition, -5).Error); // -4 and -5 are Kafka's tiered-storage queries
        partition.Tell(new ListOffsetsRequest(Orders0 with { Topic = "payments" }, ListOffsetsRequest.Latest, 3), TestActor);
        var refused = ExpectMsg<ListOffsetsResponse>();
        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 3L), (refused.Error, refused.CorrelationId));
    }

    private (long Timestamp, long Offset) OffsetAt(IActorRef partition, long timestamp)
    {
        var response = ListOffsets(partition, timestamp);
        Assert.Equal(ErrorCode.None, response.Error);
        return (response.Timestamp, response.Offset);
    }
}
