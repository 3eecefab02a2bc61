namespace ActorBroker.Actors;

/// <summary>Counts a child's restarts inside the strategy's time window.</summary>
internal sealed class ChildRestartStats
{
    private int _restarts;
    private long _windowStart;

    /// <summary>Records one more restart; false when the limit within the window is exceeded.</summary>
    public bool RequestRestartPermission(int maxRetries, TimeSpan window)
    {
        if (maxRetries < 0) return true;
        if (maxRetries == 0) return false;
        var now = Environment.TickCount64;
        if (window == Timeout.InfiniteTimeSpan || window <= TimeSpan.Zero)
            return ++_restarts <= maxRetries;

        if (_restarts == 0 || now - _windowStart > (long)window.TotalMilliseconds)
        {
            _windowStart = now;
            _restarts = 1;
            return true;
        }

        return ++_restarts <= maxRetries;
    }
}
