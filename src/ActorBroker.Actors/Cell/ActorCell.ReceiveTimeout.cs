namespace ActorBroker.Actors;

internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private ICancelable? _receiveTimeoutTimer;
    private int _receiveTimeoutGeneration;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    private bool UsesReceiveTimeout => _receiveTimeout is not null || _receiveTimeoutTimer is not null;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeout = timeout is { } t && t > TimeSpan.Zero ? t : null;
        RestartReceiveTimeout();
    }

    private void RestartReceiveTimeout()
    {
        if (!UsesReceiveTimeout) return; // the common case: costs nothing per message
        if (_receiveTimeout is not { } timeout)
        {
            CancelReceiveTimeout();
            return;
        }

        _receiveTimeoutTimer?.Cancel();
        var tick = new ReceiveTimeoutTick(++_receiveTimeoutGeneration);
        _receiveTimeoutTimer = System.Scheduler.ScheduleTellOnce(timeout, SelfRef, tick, SelfRef);
    }

    private void CancelReceiveTimeout()
    {
        _receiveTimeoutGeneration++;
        _receiveTimeoutTimer?.Cancel();
        _receiveTimeoutTimer = null;
    }

    /// <summary>Only the tick of the latest schedule counts; older ones were overtaken by messages.</summary>
    private bool AcceptReceiveTimeout(ReceiveTimeoutTick tick) =>
        _receiveTimeout is not null && tick.Generation == _receiveTimeoutGeneration;
}

internal sealed record ReceiveTimeoutTick(int Generation) : INotInfluenceReceiveTimeout;
