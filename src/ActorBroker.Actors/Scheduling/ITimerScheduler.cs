namespace ActorBroker.Actors;

/// <summary>Actors that implement this get an <see cref="ITimerScheduler"/> injected before their constructor body runs.</summary>
public interface IWithTimers
{
    ITimerScheduler Timers { get; set; }
}

/// <summary>
/// Keyed timers owned by one actor. Starting a timer with a key in use replaces it; a cancelled or
/// replaced timer never delivers, even if its message was already queued. All timers stop when the
/// actor stops or restarts.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan timeout);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}
