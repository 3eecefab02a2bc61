using System.Diagnostics;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionFetchTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    [Fact]
    public void A_long_poll_at_the_high_watermark_is_answered_as_soon_as_data_arrives()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        var consumer = CreateTestProbe();
        partition.Tell(FetchFrom(2, minBytes: 1, maxWaitMs: 30_000, correlationId: 4), consumer.Ref);
        consumer.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Append(partition, Batches.Of(3));
        var response = consumer.ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(3)); // far below MaxWaitMs: woken by the append
        Assert.Equal((ErrorCode.None, 4L, 5L), (response.Error, response.CorrelationId, response.HighWatermark));
        Assert.Equal([2L, 3, 4], Batches.OffsetsOf(response.Batches));
    }

    [Fact]
    public void A_long_poll_without_data_times_out_with_no_batches()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(1));
        var started = Stopwatch.GetTimestamp();
        partition.Tell(FetchFrom(1, minBytes: 1, maxWaitMs: 300), TestActor);

        var response = ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(3));
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(250), "answered before MaxWaitMs");
        Assert.Equal((ErrorCode.None, 1L), (response.Error, response.HighWatermark));
        Assert.Empty(response.Batches);
    }

    [Fact]
    public void A_long_poll_waits_until_min_bytes_are_there()
    {
        var partition = StartPartition();
        var batch = Batches.Of(1);
        var consumer = CreateTestProbe();
        partition.Tell(FetchFrom(0, minBytes: batch.SizeInBytes + 1, maxWaitMs: 30_000), consumer.Ref);

        Append(partition, batch);
        consumer.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Append(partition, Batches.Of(1));

        Assert.Equal([0L, 1], Batches.OffsetsOf(consumer.ExpectMsg<FetchResponse>().Batches));
    }

    [Fact]
    public void Without_min_bytes_or_max_wait_a_fetch_at_the_end_is_answered_at_once()
    {
        var partition = StartPartition();
        partition.Tell(FetchFrom(0, minBytes: 0, maxWaitMs: 30_000), TestActor);
        Assert.Empty(ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(1)).Batches);
        partition.Tell(FetchFrom(0, minBytes: 1, maxWaitMs: 0), TestActor);
        Assert.Empty(ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(1)).Batches);
    }

    [Fact]
    public void Fetches_beyond_max_waiting_fetches_are_answered_at_once()
    {
        var partition = StartPartition(settings: Settings(s => s with { MaxWaitingFetches = 1 }));
        var held = CreateTestProbe();
        partition.Tell(FetchFrom(0, minBytes: 1, maxWaitMs: 30_000, correlationId: 1), held.Ref);
        partition.Tell(FetchFrom(0, minBytes: 1, maxWaitMs: 30_000, correlationId: 2), TestActor);

        var immediate = ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(1));
        Assert.Equal((ErrorCode.None, 2L), (immediate.Error, immediate.CorrelationId));
        Assert.Empty(immediate.Batches);
        held.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Append(partition, Batches.Of(1));
        Assert.Equal(1L, held.ExpectMsg<FetchResponse>().CorrelationId);
    }

    [Fact]
    public void A_long_poll_never_waits_longer_than_fetch_max_wait()
    {
        var partition = StartPartition(settings: Settings(s => s with { FetchMaxWait = TimeSpan.FromMilliseconds(200) }));
        partition.Tell(FetchFrom(0, minBytes: 1, maxWaitMs: 600_000), TestActor);

        Assert.Empty(ExpectMsg<FetchResponse>(TimeSpan.FromSeconds(3)).Batches);
    }

    [Fact]
    public void An_offset_above_the_log_end_is_out_of_range()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(3));

        var response = Fetch(partition, 4);
        Assert.Equal(ErrorCode.OffsetOutOfRange, response.Error);
        Assert.Contains("0..3", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.None, Fetch(partition, 3).Error);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(partition, -1).Error);
    }

    [Fact]
    public void An_offset_below_the_log_start_is_out_of_range()
    {
        var partition = StartPartition(TopicConfig.Default with { RetentionBytes = 0 });
        Append(partition, Batches.Of(3));
        Append(partition, Batches.Of(2));
        Assert.Equal(5, RunRetention(partition).LogStartOffset);

        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(partition, 0).Error);
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(partition, 4).Error);
        var atStart = Fetch(partition, 5);
        Assert.Equal((ErrorCode.None, 5L, 5L), (atStart.Error, atStart.LogStartOffset, atStart.HighWatermark));
    }

    [Fact]
    public void A_fetch_returns_whole_batches_from_the_one_holding_the_offset_up_to_max_bytes_but_at_least_one()
    {
        var partition = StartPartition();
        var size = Batches.Of(3).SizeInBytes;
        for (var i = 0; i < 4; i++) Append(partition, Batches.Of(3));

        Assert.Equal([3L, 6], Fetch(partition, 4, maxBytes: 2 * size).Batches.Select(b => b.BaseOffset));
        Assert.Equal([0L], Fetch(partition, 2, maxBytes: 1).Batches.Select(b => b.BaseOffset));
    }

    [Fact]
    public void An_old_offset_that_left_the_tail_cache_is_served_from_the_journal()
    {
        var one = Batches.Of(2);
        var partition = StartPartition(settings: Settings(s => s with { CacheBytes = one.SizeInBytes * 2 }));
        var sent = Enumerable.Range(0, 6).Select(_ => Batches.Of(2)).ToList();
        foreach (var batch in sent) Append(partition, batch);

        // Offsets 0..7 are only in the journal; 8..11 come from the cache, in one answer.
        var response = Fetch(partition, 1);
        Assert.Equal(ErrorCode.None, response.Error);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), Batches.OffsetsOf(response.Batches));
        for (var i = 0; i < sent.Count; i++)
            Assert.Equal(sent[i].Bytes.Span[RecordBatch.HeaderSize..].ToArray(), response.Batches[i].Bytes.Span[RecordBatch.HeaderSize..].ToArray());
    }

    [Fact]
    public void With_no_cache_every_fetch_reads_the_journal_a_bounded_number_of_batches_at_a_time()
    {
        var partition = StartPartition(settings: Settings(s => s with { CacheBytes = 0, JournalReadBatches = 2 }));
        for (var i = 0; i < 5; i++) Append(partition, Batches.Of(1));

        Assert.Equal([0L, 1], Batches.OffsetsOf(Fetch(partition, 0).Batches));
        Assert.Equal([2L, 3], Batches.OffsetsOf(Fetch(partition, 2).Batches));
        Assert.Equal([4L], Batches.OffsetsOf(Fetch(partition, 4).Batches));
    }

    [Fact]
    public void Many_concurrent_journal_reads_queue_and_all_get_their_batches()
    {
        var partition = StartPartition(settings: Settings(s => s with { CacheBytes = 0, JournalReadsInFlight = 1 }));
        for (var i = 0; i < 10; i++) Append(partition, Batches.Of(1));
        for (var i = 0; i < 10; i++) partition.Tell(FetchFrom(i, maxBytes: 1, correlationId: i), TestActor);

        var answers = Enumerable.Range(0, 10).Select(_ => ExpectMsg<FetchResponse>()).OrderBy(r => r.CorrelationId).ToList();
        for (var i = 0; i < 10; i++) Assert.Equal([(long)i], Batches.OffsetsOf(answers[i].Batches));
    }

    [Fact]
    public void A_stale_leader_epoch_is_fenced()
    {
        var partition = StartPartition();
        partition.Tell(FetchFrom(0) with { CurrentLeaderEpoch = 3 }, TestActor);
        Assert.Equal(ErrorCode.UnknownLeaderEpoch, ExpectMsg<FetchResponse>().Error);
        partition.Tell(FetchFrom(0) with { CurrentLeaderEpoch = 0 }, TestActor);
        Assert.Equal(ErrorCode.None, ExpectMsg<FetchResponse>().Error);
    }
}
