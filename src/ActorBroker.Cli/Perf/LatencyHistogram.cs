using System.Numerics;

namespace ActorBroker.Cli.Perf;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets (64 per power of two, so under 1.6 % error) in a fixed
/// 4,096-slot array: millions of samples cost no memory and no sorting, and percentiles stay accurate enough for a
/// perf report. Not thread-safe; the perf tools record from one actor or one loop.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBuckets = 1 << SubBucketBits;
    private readonly long[] _counts = new long[64 * SubBuckets];
    private long _sum;

    public long Count { get; private set; }

    public long Max { get; private set; }

    public double Average => Count == 0 ? 0 : (double)_sum / Count;

    public void Record(long micros)
    {
        micros = Math.Max(0, micros);
        _counts[BucketOf(micros)]++;
        Count++;
        _sum += micros;
        Max = Math.Max(Max, micros);
    }

    /// <summary>The latency that <paramref name="percentile"/> % of the samples do not exceed (upper bound of its bucket, capped at the max).</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(percentile / 100 * Count);
        long seen = 0;
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            seen += _counts[bucket];
            if (seen >= Math.Max(rank, 1)) return Math.Min(UpperBoundOf(bucket), Max);
        }
        return Max;
    }

    // Values below 64 get a bucket each; above, the top 6 bits after the leading one pick the sub-bucket.
    private static int BucketOf(long value)
    {
        if (value < SubBuckets) return (int)value;
        var magnitude = 63 - BitOperations.LeadingZeroCount((ulong)value); // >= SubBucketBits
        var shift = magnitude - SubBucketBits;
        var sub = (int)(value >> shift) & (SubBuckets - 1);
        return (shift + 1) * SubBuckets + sub;
    }

    private static long UpperBoundOf(int bucket)
    {
        if (bucket < SubBuckets) return bucket;
        var shift = bucket / SubBuckets - 1;
        var sub = bucket % SubBuckets;
        return ((long)(SubBuckets + sub + 1) << shift) - 1;
    }
}
