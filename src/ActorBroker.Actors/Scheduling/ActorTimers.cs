namespace ActorBroker.Actors;

internal sealed class ActorTimers(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan timeout) =>
        Start(key, message, timeout, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry)) entry.Cancelable.Cancel();
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Cancelable.Cancel();
        _timers.Clear();
    }

    /// <summary>Unwraps a fired timer; returns null when the timer was cancelled or replaced meanwhile.</summary>
    public object? Accept(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var entry) || entry.Generation != fired.Generation) return null;
        if (entry.Once) _timers.Remove(fired.Key);
        return fired.Message;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval)
    {
        Cancel(key);
        var generation = ++_generation;
        var fired = new TimerFired(key, generation, message);
        var cancelable = interval == Timeout.InfiniteTimeSpan
            ? cell.System.Scheduler.ScheduleTellOnce(delay, cell.Self, fired, cell.Self)
            : cell.System.Scheduler.ScheduleTellRepeatedly(delay, interval, cell.Self, fired, cell.Self);
        _timers[key] = new Entry(generation, cancelable, interval == Timeout.InfiniteTimeSpan);
    }

    private sealed record Entry(int Generation, ICancelable Cancelable, bool Once);
}

/// <summary>The envelope a timer sends to its actor; unwrapped before the actor sees it.</summary>
internal sealed record TimerFired(object Key, int Generation, object Message);
