namespace ActorBroker.Kafka.Apis;

/// <summary>
/// When a Kafka fetch, which spans many partitions with one max_wait_ms and one min_bytes, may be answered: the
/// partitions are first asked without waiting; the fetch is answered at once if that is enough (min_bytes reached, a
/// partition failed — a client must hear of a moved leader at once, as Kafka's DelayedFetch completes on errors — or
/// max_wait is 0), else each partition is asked again to wait for more than it has, and the fetch is answered as soon
/// as the partitions' bytes together reach min_bytes or one fails, or when max_wait passes.
/// </summary>
internal sealed class FetchWaitPlan
{
    private readonly long[] _bytes;
    private readonly bool[] _failed;
    private readonly int _maxWaitMs;
    private readonly int _minBytes;
    private long _total;
    private bool _anyFailed;

    public FetchWaitPlan(int partitions, int maxWaitMs, int minBytes)
    {
        _bytes = new long[partitions];
        _failed = new bool[partitions];
        _maxWaitMs = maxWaitMs;
        _minBytes = minBytes;
    }

    /// <summary>True when the fetch should be answered now.</summary>
    public bool Satisfied => _maxWaitMs <= 0 || _anyFailed || _total >= _minBytes;

    /// <summary>The latest answer of <paramref name="partition"/> (an index into the fetch's partitions): it replaces the one before.</summary>
    public void Record(int partition, long bytes, bool failed)
    {
        _total += bytes - _bytes[partition];
        _bytes[partition] = bytes;
        _failed[partition] |= failed;
        _anyFailed |= failed;
    }

    /// <summary>Whether <paramref name="partition"/> is asked again to wait: not after it failed (asking again would fail again).</summary>
    public bool WaitsOn(int partition) => !_failed[partition];

    /// <summary>
    /// The min bytes a waiting ask of <paramref name="partition"/> carries: one more than it already gave, so the
    /// partition answers when its log grows, not at once with the bytes the first ask saw.
    /// </summary>
    public int MinBytesToWaitFor(int partition) => (int)Math.Min(int.MaxValue, _bytes[partition] + 1);
}
