namespace ActorBroker.Kafka.Listener;

/// <summary>
/// The bytes of partly arrived requests that every connection of a listener may buffer together
/// (queued-max-request-bytes). A connection reserves what it holds before it reads more and waits while the budget is
/// spent, so TCP holds its client back, as Kafka mutes a channel when its memory pool is empty; waiting rather than
/// closing keeps a burst of honest large requests alive, and the request-receive deadline ends connections that hold
/// budget by dripping. Reserving is a compare-and-swap, releasing an interlocked add; only a release with waiters signals them.
/// </summary>
internal sealed class RequestBytesBudget(long limit)
{
    private long _used;
    private long _peak;
    private int _waiters;
    private TaskCompletionSource _released = NewSignal();

    public long Limit => limit;

    /// <summary>Bytes reserved now.</summary>
    public long Used => Volatile.Read(ref _used);

    /// <summary>The most ever reserved at once (for the tests and the docs' measurements).</summary>
    public long Peak => Volatile.Read(ref _peak);

    /// <summary>Reserves <paramref name="bytes"/>, waiting until others release enough.</summary>
    public async ValueTask ReserveAsync(long bytes, CancellationToken cancel)
    {
        while (!TryReserve(bytes))
        {
            // The signal is taken before the second try: a release in between completes it, so no wake-up is lost.
            var released = Volatile.Read(ref _released);
            Interlocked.Increment(ref _waiters);
            try
            {
                if (TryReserve(bytes)) return;
                await released.Task.WaitAsync(cancel).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _waiters);
            }
        }
    }

    public void Release(long bytes)
    {
        Interlocked.Add(ref _used, -bytes);
        if (Volatile.Read(ref _waiters) > 0) Interlocked.Exchange(ref _released, NewSignal()).TrySetResult();
    }

    /// <summary>
    /// Takes the bytes only if they fit, never adding first and undoing: an undo would have to wake the waiters (a
    /// storm of wake-ups among connections that each fail) or risk that one misses the room a real release made.
    /// </summary>
    private bool TryReserve(long bytes)
    {
        long used;
        do
        {
            used = Volatile.Read(ref _used);
            if (used + bytes > limit) return false;
        }
        while (Interlocked.CompareExchange(ref _used, used + bytes, used) != used);

        long peak;
        while (used + bytes > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, used + bytes, peak) != peak)
        {
        }

        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
