namespace ActorBroker.Tls;

/// <summary>
/// Bounds how many refused TLS peers a node logs: anyone who can reach the port can make it refuse a handshake, and
/// one WARNING per attempt would let them fill the log. The first <see cref="PerMinute"/> refusals of each minute are
/// logged; the rest are counted and reported in one line when the next minute's first refusal comes.
/// </summary>
internal sealed class RefusalLogLimit(TimeProvider time)
{
    public const int PerMinute = 20;

    private readonly object _lock = new();
    private long _windowStart = long.MinValue;
    private int _inWindow;
    private int _suppressed;

    /// <summary>Whether to log this refusal, and how many went unlogged in the minute before it (0 if none).</summary>
    public (bool Log, int SuppressedBefore) Admit()
    {
        var now = time.GetTimestamp();
        lock (_lock)
        {
            var suppressedBefore = 0;
            if (_windowStart == long.MinValue || time.GetElapsedTime(_windowStart, now) >= TimeSpan.FromMinutes(1))
            {
                suppressedBefore = _suppressed;
                _windowStart = now;
                _inWindow = 0;
                _suppressed = 0;
            }

            if (++_inWindow <= PerMinute) return (true, suppressedBefore);
            _suppressed++;
            return (false, suppressedBefore);
        }
    }
}
