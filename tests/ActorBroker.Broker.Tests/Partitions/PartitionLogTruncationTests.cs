using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionLogTruncationTests
{
    [Fact]
    public void Truncating_inside_a_batch_drops_that_whole_batch_and_every_later_one()
    {
        var (log, batches) = PartitionLogTests.LogOf(1 << 20, 3, 3, 3); // offsets 0..2, 3..5, 6..8

        Assert.Equal(3, log.TruncateTo(4));
        Assert.Equal((0L, 3L, 3L), (log.LogStartOffset, log.LogEndOffset, log.HighWatermark));
        Assert.Equal(1, log.BatchCount);
        Assert.Equal(batches[0].SizeInBytes, log.SizeInBytes);
        Assert.Equal([batches[0]], log.PlanFetch(0, int.MaxValue, 100, log.LogEndOffset).Cached);
    }

    [Fact]
    public void Truncating_at_a_batch_boundary_keeps_the_batch_that_ends_there()
    {
        var (log, batches) = PartitionLogTests.LogOf(1 << 20, 3, 3, 3);

        Assert.Equal(6, log.TruncateTo(6));
        Assert.Equal([batches[0], batches[1]], log.PlanFetch(0, int.MaxValue, 100).Cached);
    }

    [Fact]
    public void Truncating_at_or_past_the_log_end_changes_nothing()
    {
        var (log, batches) = PartitionLogTests.LogOf(1 << 20, 3, 3);
        var size = log.SizeInBytes;

        Assert.Equal(6, log.TruncateTo(6));
        Assert.Equal(6, log.TruncateTo(100));
        Assert.Equal((6L, 6L, 2, size), (log.LogEndOffset, log.HighWatermark, log.BatchCount, log.SizeInBytes));
        Assert.Equal(batches, log.PlanFetch(0, int.MaxValue, 100).Cached);
    }

    [Fact]
    public void The_high_watermark_comes_down_to_the_new_log_end_but_never_goes_up()
    {
        var log = new PartitionLog(1 << 20);
        for (var i = 0; i < 4; i++) log.Append(Batches.Stored(2 * i, 2), i + 1);
        log.AdvanceHighWatermark(2);

        log.TruncateTo(7);
        Assert.Equal((6L, 2L), (log.LogEndOffset, log.HighWatermark));
        log.TruncateTo(1);
        Assert.Equal((0L, 0L), (log.LogEndOffset, log.HighWatermark));
        Assert.Equal(0, log.BatchCount);
        Assert.Equal(0, log.SizeInBytes);
    }

    [Fact]
    public void Truncating_below_the_log_start_empties_the_log_but_keeps_its_start()
    {
        var (log, _) = PartitionLogTests.LogOf(1 << 20, 2, 2, 2);
        log.AdvanceLogStart(4);

        Assert.Equal(4, log.TruncateTo(1));
        Assert.Equal((4L, 4L, 4L), (log.LogStartOffset, log.LogEndOffset, log.HighWatermark));
        Assert.Equal(0, log.BatchCount);
        log.Append(Batches.Stored(4, 1), 10);
        Assert.Equal(5, log.LogEndOffset);
    }

    [Fact]
    public void The_tail_cache_loses_the_dropped_batches_and_keeps_the_rest()
    {
        var size = Batches.Stored(0, 2).SizeInBytes;
        var (log, batches) = PartitionLogTests.LogOf(size * 3, 2, 2, 2, 2, 2); // batches 2..4 cached

        log.TruncateTo(8);
        Assert.Equal((2, 2L * size), (log.CachedBatchCount, log.CachedBytes));
        Assert.Same(batches[3], log.Entry(3).Cached);

        log.TruncateTo(3);
        Assert.Equal((0, 0L), (log.CachedBatchCount, log.CachedBytes));
        var plan = log.PlanFetch(0, int.MaxValue, 100, log.LogEndOffset);
        Assert.Equal((1, 1, 1), (plan.FromSequenceNr, plan.ToSequenceNr, plan.JournalBatches));
        Assert.Empty(plan.Cached);
    }

    [Fact]
    public void Appends_go_on_at_the_new_log_end_with_the_next_journal_events()
    {
        var size = Batches.Stored(0, 2).SizeInBytes;
        var (log, batches) = PartitionLogTests.LogOf(size * 2, 2, 2, 2, 2); // events 1..4, batches 2..3 cached
        log.TruncateTo(5); // batches 0..1 stay, out of the cache

        Assert.Throws<InvalidOperationException>(() => log.Append(Batches.Stored(3, 2), 6));
        var next = Batches.Stored(4, 3);
        log.Append(next, 6);
        log.AdvanceHighWatermark(log.LogEndOffset);

        Assert.Equal((7L, 3), (log.LogEndOffset, log.BatchCount));
        Assert.Equal(batches[0].SizeInBytes + batches[1].SizeInBytes + next.SizeInBytes, log.SizeInBytes);
        var plan = log.PlanFetch(0, int.MaxValue, 100);
        Assert.Equal((1, 2, 2), (plan.FromSequenceNr, plan.ToSequenceNr, plan.JournalBatches));
        Assert.Equal([next], plan.Cached);
        Assert.Equal(batches[1].SizeInBytes + next.SizeInBytes, log.AvailableBytes(2));
    }

    [Fact]
    public void Leader_epochs_follow_appends_truncation_and_retention()
    {
        var log = new PartitionLog(1 << 20);
        long sequenceNr = 0;
        foreach (var (offset, epoch) in new[] { (0L, 0), (2L, 0), (4L, 1), (6L, 1), (8L, 2) })
            log.Append(Batches.Stored(offset, 2, epoch: epoch), ++sequenceNr);
        Assert.Equal([new EpochEntry(0, 0), new EpochEntry(1, 4), new EpochEntry(2, 8)], log.Epochs.Entries);

        log.TruncateTo(7); // drops 6..7 and 8..9: epoch 2 had only the last
        Assert.Equal([new EpochEntry(0, 0), new EpochEntry(1, 4)], log.Epochs.Entries);
        Assert.Equal((1, 6L), log.Epochs.EndOffsetFor(1, log.LogEndOffset));

        log.Append(Batches.Stored(6, 2, epoch: 3), ++sequenceNr);
        Assert.Equal((1, 6L), log.Epochs.EndOffsetFor(2, log.LogEndOffset));
        Assert.Equal((3, 8L), log.Epochs.EndOffsetFor(3, log.LogEndOffset));

        log.AdvanceHighWatermark(log.LogEndOffset);
        log.AdvanceLogStart(4);
        Assert.Equal([new EpochEntry(1, 4), new EpochEntry(3, 6)], log.Epochs.Entries);
    }

    [Fact]
    public void The_index_stays_right_while_truncation_retention_and_appends_interleave()
    {
        var size = Batches.Stored(0, 2).SizeInBytes;
        var log = new PartitionLog(size * 4);
        var model = new List<(RecordBatch Batch, long SequenceNr)>();
        var random = new Random(17);
        long sequenceNr = 0;
        for (var step = 0; step < 400; step++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    var batch = Batches.Stored(log.LogEndOffset, 2);
                    log.Append(batch, ++sequenceNr);
                    model.Add((batch, sequenceNr));
                    break;
                case < 9:
                    var end = log.LogEndOffset - random.Next(8);
                    log.TruncateTo(end);
                    model.RemoveAll(m => m.Batch.NextOffset > end);
                    break;
                default:
                    log.AdvanceHighWatermark(log.LogEndOffset);
                    var start = log.LogStartOffset + random.Next(6);
                    log.AdvanceLogStart(start);
                    model.RemoveAll(m => m.Batch.LastOffset < start);
                    break;
            }

            Assert.Equal(model.Count, log.BatchCount);
            Assert.Equal(model.Sum(m => (long)m.Batch.SizeInBytes), log.SizeInBytes);
            Assert.Equal(model.Count == 0 ? log.LogStartOffset : model[^1].Batch.NextOffset, log.LogEndOffset);
            Assert.True(log.CachedBytes <= size * 4);
            long cachedBytes = 0;
            for (var i = 0; i < model.Count; i++)
            {
                Assert.Equal((model[i].Batch.BaseOffset, model[i].SequenceNr), (log.Entry(i).BaseOffset, log.Entry(i).SequenceNr));
                var cached = i >= model.Count - log.CachedBatchCount;
                Assert.Same(cached ? model[i].Batch : null, log.Entry(i).Cached);
                if (cached) cachedBytes += model[i].Batch.SizeInBytes;
            }
            Assert.Equal(cachedBytes, log.CachedBytes);
        }
    }
}
