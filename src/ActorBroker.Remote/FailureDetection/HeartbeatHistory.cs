using System.Collections.Immutable;

namespace ActorBroker.Remote.FailureDetection;

/// <summary>
/// The last <see cref="MaxSampleSize"/> heartbeat intervals (milliseconds) with their running sum and sum of
/// squares, so mean and variance cost O(1). Immutable: <see cref="Add"/> returns a new history.
/// </summary>
public sealed class HeartbeatHistory
{
    private readonly ImmutableQueue<long> _intervals;
    private readonly long _intervalSum;
    private readonly double _squaredIntervalSum;

    private HeartbeatHistory(int maxSampleSize, ImmutableQueue<long> intervals, int count, long intervalSum, double squaredIntervalSum)
    {
        MaxSampleSize = maxSampleSize;
        _intervals = intervals;
        Count = count;
        _intervalSum = intervalSum;
        _squaredIntervalSum = squaredIntervalSum;
    }

    /// <summary>An empty history that keeps at most <paramref name="maxSampleSize"/> intervals.</summary>
    public static HeartbeatHistory Create(int maxSampleSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSampleSize, 1);
        return new HeartbeatHistory(maxSampleSize, ImmutableQueue<long>.Empty, 0, 0, 0);
    }

    public int MaxSampleSize { get; }

    /// <summary>How many intervals are held; never more than <see cref="MaxSampleSize"/>.</summary>
    public int Count { get; }

    public IEnumerable<long> Intervals => _intervals;

    public double Mean => Count == 0 ? 0 : (double)_intervalSum / Count;

    // Rounding can push sum-of-squares arithmetic a hair below zero for constant samples.
    public double Variance => Count == 0 ? 0 : Math.Max(0, (_squaredIntervalSum / Count) - (Mean * Mean));

    public double StdDeviation => Math.Sqrt(Variance);

    /// <summary>Appends <paramref name="interval"/>, dropping the oldest sample when the window is full.</summary>
    public HeartbeatHistory Add(long interval)
    {
        var intervals = _intervals;
        var count = Count;
        var sum = _intervalSum;
        var squares = _squaredIntervalSum;
        if (count == MaxSampleSize)
        {
            intervals = intervals.Dequeue(out var oldest);
            count--;
            sum -= oldest;
            squares -= (double)oldest * oldest;
        }

        return new HeartbeatHistory(MaxSampleSize, intervals.Enqueue(interval), count + 1, sum + interval, squares + ((double)interval * interval));
    }
}
