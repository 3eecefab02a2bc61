using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionLogTests
{
    /// <summary>Appends batches of the given record counts at consecutive offsets, journal sequence numbers 1, 2, ..., all committed.</summary>
    internal static (PartitionLog Log, List<RecordBatch> Batches) LogOf(long cacheBytes, params int[] recordCounts)
    {
        var log = new PartitionLog(cacheBytes);
        var batches = new List<RecordBatch>();
        foreach (var count in recordCounts)
        {
            var batch = Batches.Stored(log.LogEndOffset, count, timestamp: 1_000 + batches.Count * 1_000);
            log.Append(batch, batches.Count + 1);
            batches.Add(batch);
        }
        log.AdvanceHighWatermark(log.LogEndOffset);
        return (log, batches);
    }

    [Fact]
    public void Appending_moves_the_log_end_offset_and_size_but_not_the_high_watermark()
    {
        var log = new PartitionLog(1 << 20);
        var first = Batches.Stored(0, 3);
        var second = Batches.Stored(3, 2);
        log.Append(first, 1);
        log.Append(second, 2);

        Assert.Equal(0, log.LogStartOffset);
        Assert.Equal(5, log.LogEndOffset);
        Assert.Equal(0, log.HighWatermark);
        Assert.Equal(2, log.BatchCount);
        Assert.Equal(first.SizeInBytes + second.SizeInBytes, log.SizeInBytes);
        Assert.True(log.AdvanceHighWatermark(5));
        Assert.False(log.AdvanceHighWatermark(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.AdvanceHighWatermark(6));
    }

    [Fact]
    public void A_batch_that_overlaps_the_log_is_refused_and_a_gap_is_allowed()
    {
        var (log, _) = LogOf(1 << 20, 3);
        Assert.Throws<InvalidOperationException>(() => log.Append(Batches.Stored(2, 1), 2));
        log.Append(Batches.Stored(10, 2), 2);
        Assert.Equal(12, log.LogEndOffset);
    }

    [Fact]
    public void A_fetch_from_inside_a_batch_starts_with_that_whole_batch()
    {
        var (log, batches) = LogOf(1 << 20, 3, 3, 3);
        var plan = log.PlanFetch(4, int.MaxValue, 100);

        Assert.False(plan.NeedsJournal);
        Assert.Equal([batches[1], batches[2]], plan.Cached);
        Assert.Equal(batches[1].SizeInBytes + batches[2].SizeInBytes, plan.Bytes);
    }

    [Fact]
    public void A_fetch_from_a_gap_starts_with_the_next_batch()
    {
        var log = new PartitionLog(1 << 20);
        log.Append(Batches.Stored(0, 2), 1);
        var after = Batches.Stored(10, 2);
        log.Append(after, 3);
        log.AdvanceHighWatermark(log.LogEndOffset);

        Assert.Equal([after], log.PlanFetch(5, int.MaxValue, 100).Cached);
    }

    [Fact]
    public void A_fetch_stops_at_max_bytes_but_always_gets_one_batch()
    {
        var (log, batches) = LogOf(1 << 20, 2, 2, 2);
        var size = batches[0].SizeInBytes;

        Assert.Equal([batches[0], batches[1]], log.PlanFetch(0, 2 * size + 1, 100).Cached);
        Assert.Equal([batches[0]], log.PlanFetch(0, 1, 100).Cached);
        Assert.Equal([batches[0]], log.PlanFetch(0, 0, 100).Cached);
    }

    [Fact]
    public void A_fetch_never_returns_batches_at_or_above_the_high_watermark()
    {
        var log = new PartitionLog(1 << 20);
        var committed = Batches.Stored(0, 2);
        log.Append(committed, 1);
        log.Append(Batches.Stored(2, 2), 2);
        log.AdvanceHighWatermark(2);

        Assert.Equal([committed], log.PlanFetch(0, int.MaxValue, 100).Cached);
        Assert.Empty(log.PlanFetch(2, int.MaxValue, 100).Cached);
        Assert.Equal(committed.SizeInBytes, log.AvailableBytes(0));
        Assert.Equal(0, log.AvailableBytes(2));
    }

    [Fact]
    public void A_follower_fetch_reads_up_to_the_log_end_offset_instead_of_the_high_watermark()
    {
        RecordBatch[] batches = [Batches.Stored(0, 2), Batches.Stored(2, 2), Batches.Stored(4, 2)];
        var hot = new PartitionLog(1 << 20);
        var cold = new PartitionLog(0);
        for (var i = 0; i < batches.Length; i++)
        {
            hot.Append(batches[i], i + 1);
            cold.Append(batches[i], i + 1);
        }
        hot.AdvanceHighWatermark(2);
        cold.AdvanceHighWatermark(2);

        Assert.Equal([batches[0]], hot.PlanFetch(0, int.MaxValue, 100).Cached);
        Assert.Equal(batches, hot.PlanFetch(0, int.MaxValue, 100, hot.LogEndOffset).Cached);
        Assert.Equal([batches[1]], hot.PlanFetch(2, int.MaxValue, 100, 4).Cached);
        Assert.Equal(0, hot.AvailableBytes(2));
        Assert.Equal(batches[1].SizeInBytes + batches[2].SizeInBytes, hot.AvailableBytes(2, hot.LogEndOffset));

        var committed = cold.PlanFetch(0, int.MaxValue, 100);
        var all = cold.PlanFetch(0, int.MaxValue, 100, cold.LogEndOffset);
        Assert.Equal((1, 1, 1), (committed.FromSequenceNr, committed.ToSequenceNr, committed.JournalBatches));
        Assert.Equal((1, 3, 3), (all.FromSequenceNr, all.ToSequenceNr, all.JournalBatches));
    }

    [Fact]
    public void The_tail_cache_keeps_the_newest_batches_within_its_bytes()
    {
        var probe = Batches.Stored(0, 2);
        var (log, batches) = LogOf(probe.SizeInBytes * 5 / 2, 2, 2, 2, 2, 2);

        Assert.Equal(2, log.CachedBatchCount);
        Assert.Equal(2L * probe.SizeInBytes, log.CachedBytes);
        Assert.Null(log.Entry(2).Cached);
        Assert.Same(batches[3], log.Entry(3).Cached);
        Assert.Same(batches[4], log.Entry(4).Cached);
    }

    [Fact]
    public void A_fetch_from_before_the_cache_reads_the_older_batches_from_the_journal_and_the_rest_from_the_cache()
    {
        var probe = Batches.Stored(0, 2);
        var (log, batches) = LogOf(probe.SizeInBytes * 2, 2, 2, 2, 2, 2);
        var plan = log.PlanFetch(2, int.MaxValue, 100);

        Assert.True(plan.NeedsJournal);
        Assert.Equal(2, plan.FromSequenceNr); // batch 1 (offsets 2..3) is event 2
        Assert.Equal(3, plan.ToSequenceNr);
        Assert.Equal(2, plan.JournalBatches);
        Assert.Equal(3, plan.FirstLastOffset);
        Assert.Equal([batches[3], batches[4]], plan.Cached);
    }

    [Fact]
    public void A_journal_read_is_capped_at_max_journal_batches()
    {
        var (log, _) = LogOf(0, 1, 1, 1, 1, 1);
        var plan = log.PlanFetch(0, int.MaxValue, 2);

        Assert.Equal((1, 2, 2), (plan.FromSequenceNr, plan.ToSequenceNr, plan.JournalBatches));
        Assert.Empty(plan.Cached);
    }

    [Fact]
    public void A_batch_larger_than_the_cache_is_not_cached_and_empties_it()
    {
        var small = Batches.Stored(0, 1);
        var log = new PartitionLog(small.SizeInBytes * 3);
        log.Append(small, 1);
        log.Append(Batches.Stored(1, 50), 2);

        Assert.Equal(0, log.CachedBatchCount);
        Assert.Equal(0, log.CachedBytes);
        log.Append(Batches.Stored(51, 1), 3);
        Assert.Equal(1, log.CachedBatchCount);
    }

    [Fact]
    public void Retention_by_time_deletes_only_whole_oldest_batches_past_the_limit()
    {
        // Batch timestamps are 1000.., 2000.., 3000.. (max timestamps 1001, 2001, 3001).
        var (log, _) = LogOf(1 << 20, 2, 2, 2);
        var plan = log.PlanRetention(retentionMs: 1_000, retentionBytes: -1, nowMs: 3_500);

        Assert.NotNull(plan);
        Assert.Equal(2, plan.Batches);
        Assert.Equal(2, plan.ByTime);
        Assert.Equal(4, plan.NewLogStartOffset);
        Assert.Equal(2, plan.DeleteToSequenceNr);
        Assert.Null(log.PlanRetention(retentionMs: 10_000, retentionBytes: -1, nowMs: 3_500));
        Assert.Null(log.PlanRetention(retentionMs: -1, retentionBytes: -1, nowMs: long.MaxValue));
    }

    [Fact]
    public void Retention_by_time_stops_at_the_first_batch_that_is_still_young()
    {
        var log = new PartitionLog(1 << 20);
        log.Append(Batches.Stored(0, 1, timestamp: 1_000), 1);
        log.Append(Batches.Stored(1, 1, timestamp: 9_000), 2);
        log.Append(Batches.Stored(2, 1, timestamp: 1_000), 3);
        log.AdvanceHighWatermark(3);

        Assert.Equal(1, log.PlanRetention(retentionMs: 1_000, retentionBytes: -1, nowMs: 9_500)!.Batches);
    }

    [Fact]
    public void Retention_by_size_deletes_oldest_batches_until_the_log_fits()
    {
        var (log, batches) = LogOf(1 << 20, 2, 2, 2, 2, 2);
        var size = batches[0].SizeInBytes;
        var plan = log.PlanRetention(retentionMs: -1, retentionBytes: 2 * size + size / 2, nowMs: 0);

        Assert.NotNull(plan);
        Assert.Equal(3, plan.Batches);
        Assert.Equal(0, plan.ByTime);
        Assert.Equal(3L * size, plan.Bytes);
        Assert.Equal(6, plan.NewLogStartOffset);
        Assert.Null(log.PlanRetention(retentionMs: -1, retentionBytes: 5 * size, nowMs: 0));
    }

    [Fact]
    public void Retention_never_deletes_batches_the_high_watermark_has_not_passed()
    {
        var log = new PartitionLog(1 << 20);
        log.Append(Batches.Stored(0, 1, timestamp: 0), 1);
        log.Append(Batches.Stored(1, 1, timestamp: 0), 2);
        log.AdvanceHighWatermark(1);

        Assert.Equal(1, log.PlanRetention(retentionMs: 0, retentionBytes: 0, nowMs: 1_000_000)!.Batches);
    }

    [Fact]
    public void Advancing_the_log_start_drops_whole_batches_and_keeps_the_offsets()
    {
        var (log, batches) = LogOf(1 << 20, 2, 2, 2);

        Assert.Equal(2, log.AdvanceLogStart(4));
        Assert.Equal(4, log.LogStartOffset);
        Assert.Equal(6, log.LogEndOffset);
        Assert.Equal(1, log.BatchCount);
        Assert.Equal(batches[2].SizeInBytes, log.SizeInBytes);
        Assert.Equal(1, log.CachedBatchCount);
        Assert.Equal(batches[2].SizeInBytes, log.CachedBytes);
        Assert.Equal([batches[2]], log.PlanFetch(4, int.MaxValue, 100).Cached);
        Assert.Equal(0, log.AdvanceLogStart(3)); // never backwards
    }

    [Fact]
    public void When_every_batch_is_deleted_numbering_goes_on_at_the_old_log_end()
    {
        var (log, _) = LogOf(1 << 20, 2, 3);

        Assert.Equal(2, log.AdvanceLogStart(5));
        Assert.Equal((5, 5, 5), (log.LogStartOffset, log.LogEndOffset, log.HighWatermark));
        Assert.Equal(0, log.SizeInBytes);
        Assert.Equal(0, log.BatchCount);
        Assert.Null(log.PlanRetention(0, 0, long.MaxValue));

        var next = Batches.Stored(5, 1);
        log.Append(next, 10);
        log.AdvanceHighWatermark(6);
        Assert.Equal([next], log.PlanFetch(5, int.MaxValue, 100).Cached);
        Assert.Equal(10, log.Entry(0).SequenceNr);
    }

    [Fact]
    public void A_log_start_beyond_the_end_moves_the_end_with_it()
    {
        var log = new PartitionLog(0);
        log.AdvanceLogStart(42);
        Assert.Equal((42, 42, 42), (log.LogStartOffset, log.LogEndOffset, log.HighWatermark));
    }

    [Fact]
    public void Timestamp_lookup_finds_the_first_batch_whose_newest_record_is_recent_enough()
    {
        var (log, _) = LogOf(1 << 20, 2, 2, 2); // max timestamps 1001, 2001, 3001

        Assert.Equal(0, log.FindByTimestamp(0, 0));
        Assert.Equal(0, log.FindByTimestamp(1_001, 0));
        Assert.Equal(1, log.FindByTimestamp(1_002, 0));
        Assert.Equal(2, log.FindByTimestamp(3_001, 0));
        Assert.Equal(-1, log.FindByTimestamp(3_002, 0));
        Assert.Equal(2, log.FindByTimestamp(0, 4)); // from offset 4 on
    }

    [Fact]
    public void Timestamp_lookup_copes_with_timestamps_that_go_back()
    {
        var log = new PartitionLog(1 << 20);
        log.Append(Batches.Stored(0, 1, timestamp: 5_000), 1);
        log.Append(Batches.Stored(1, 1, timestamp: 3_000), 2);
        log.Append(Batches.Stored(2, 1, timestamp: 4_000), 3);
        log.Append(Batches.Stored(3, 1, timestamp: 6_000), 4);
        log.AdvanceHighWatermark(4);

        Assert.Equal(0, log.FindByTimestamp(4_000, 0));
        Assert.Equal(2, log.FindByTimestamp(4_000, 1));
        Assert.Equal(3, log.FindByTimestamp(5_500, 0));
    }

    [Fact]
    public void Timestamp_lookup_ignores_batches_above_the_high_watermark()
    {
        var log = new PartitionLog(1 << 20);
        log.Append(Batches.Stored(0, 1, timestamp: 1_000), 1);
        log.Append(Batches.Stored(1, 1, timestamp: 2_000), 2);
        log.AdvanceHighWatermark(1);

        Assert.Equal(-1, log.FindByTimestamp(1_500, 0));
    }

    [Fact]
    public void The_index_stays_right_while_retention_trims_its_head_and_appends_grow_its_tail()
    {
        var log = new PartitionLog(0);
        long sequenceNr = 0;
        for (var round = 0; round < 20; round++)
        {
            for (var i = 0; i < 50; i++) log.Append(Batches.Stored(log.LogEndOffset, 2), ++sequenceNr);
            log.AdvanceHighWatermark(log.LogEndOffset);
            log.AdvanceLogStart(log.LogEndOffset - 20); // keep the newest 10 batches
        }

        Assert.Equal(10, log.BatchCount);
        Assert.Equal(log.LogEndOffset - 20, log.LogStartOffset);
        for (var offset = log.LogStartOffset; offset < log.LogEndOffset; offset++)
        {
            var plan = log.PlanFetch(offset, 0, 1);
            Assert.Equal(sequenceNr - (log.LogEndOffset - 1 - offset) / 2, plan.FromSequenceNr);
        }
    }
}
