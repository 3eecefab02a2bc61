using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// Journals written as a follower that truncated its log would leave them: the dropped batches' events stay, followed
/// by a truncation marker and the batches appended from the new log end. Nothing is cached, so every fetch reads the
/// journal, across the dropped batches.
/// </summary>
public sealed class PartitionTruncationRecoveryTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    private PartitionSettings Uncached => Settings(s => s with { CacheBytes = 0 });

    [Fact]
    public async Task Recovery_drops_the_batches_a_truncation_cut_off_and_fetches_skip_their_events()
    {
        // Dropped batches carry other timestamps, so a fetch that returned one would not match.
        var a = Batches.Stored(0, 2);
        var d = Batches.Stored(2, 3, timestamp: 5_000);
        var e = Batches.Stored(5, 2, timestamp: 6_000);
        await WriteEventsAsync(a, Batches.Stored(2, 2, timestamp: 9_000), Batches.Stored(4, 2, timestamp: 9_000), new LogTruncated(3), d, e);

        var partition = StartPartition(settings: Uncached);
        var response = Fetch(partition, 0);
        Assert.Equal(ErrorCode.None, response.Error);
        Assert.Equal((0L, 7L), (response.LogStartOffset, response.HighWatermark));
        Assert.Equal(Hex(a, d, e), Hex([.. response.Batches]));
        Assert.Equal(Hex(e), Hex([.. Fetch(partition, 5).Batches]));

        Assert.Equal(7, Append(partition, Batches.Of(1)));
        partition = Restart(partition, settings: Uncached);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), Batches.OffsetsOf(Fetch(partition, 0).Batches));
    }

    [Fact]
    public async Task Recovery_applies_truncation_and_retention_markers_in_journal_order()
    {
        var b = Batches.Stored(2, 2);
        var e = Batches.Stored(4, 2, timestamp: 5_000);
        var f = Batches.Stored(6, 2, timestamp: 6_000);
        await WriteEventsAsync(
            Batches.Stored(0, 2),                       // 1: retention dropped it, its delete did not finish
            b,                                          // 2
            new LogStartOffsetAdvanced(2),              // 3
            Batches.Stored(4, 2, timestamp: 9_000),     // 4: dropped by 5
            new LogTruncated(4),                        // 5
            Batches.Stored(4, 3, timestamp: 9_000),     // 6: dropped by 7
            new LogTruncated(5),                        // 7
            e,                                          // 8
            f);                                         // 9

        var partition = StartPartition(settings: Uncached);
        var response = Fetch(partition, 2);
        Assert.Equal((2L, 8L), (response.LogStartOffset, response.HighWatermark));
        Assert.Equal(Hex(b, e, f), Hex([.. response.Batches]));
        Assert.Equal(ErrorCode.OffsetOutOfRange, Fetch(partition, 0).Error);
        Assert.Equal(8, Append(partition, Batches.Of(1)));
    }

    [Fact]
    public async Task A_truncation_that_empties_the_log_restarts_its_numbering_at_the_log_start()
    {
        var replacement = Batches.Stored(0, 1, timestamp: 5_000);
        await WriteEventsAsync(Batches.Stored(0, 2, timestamp: 9_000), Batches.Stored(2, 2, timestamp: 9_000), new LogTruncated(0), replacement);

        var partition = StartPartition(settings: Uncached);
        var response = Fetch(partition, 0);
        Assert.Equal((0L, 1L), (response.LogStartOffset, response.HighWatermark));
        Assert.Equal(Hex(replacement), Hex([.. response.Batches]));
    }

    private static List<string> Hex(params RecordBatch[] batches) => [.. batches.Select(b => Convert.ToHexString(b.Bytes.Span))];
}
