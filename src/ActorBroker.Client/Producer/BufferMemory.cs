namespace ActorBroker.Client.Producer;

/// <summary>
/// The producer's buffer.memory: bytes of records accepted and not yet delivered or failed. Reserved by whoever
/// accepts a record (the producer actor, or the facade on its caller's thread) and released by the actor when the
/// record's outcome is known. Callers that wait do so asynchronously, each release waking them to try again.
/// </summary>
internal sealed class BufferMemory(long capacity)
{
    private long _used;
    private TaskCompletionSource? _released;

    public long Capacity => capacity;

    public long Used => Volatile.Read(ref _used);

    /// <summary>True while someone waits for memory: the producer then sends batches without lingering, as Kafka does.</summary>
    public bool HasWaiters => Volatile.Read(ref _released) is not null;

    public bool TryReserve(long bytes)
    {
        while (true)
        {
            var used = Volatile.Read(ref _used);
            if (used + bytes > capacity) return false;
            if (Interlocked.CompareExchange(ref _used, used + bytes, used) == used) return true;
        }
    }

    public void Release(long bytes)
    {
        if (bytes == 0) return;
        Interlocked.Add(ref _used, -bytes);
        Interlocked.Exchange(ref _released, null)?.TrySetResult();
    }

    /// <summary>Reserves <paramref name="bytes"/>, waiting up to <paramref name="maxWait"/> for releases; false when the time ran out.</summary>
    public async Task<bool> ReserveAsync(long bytes, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + maxWait;
        while (true)
        {
            // Take the signal before trying, so a release between the try and the wait is not missed.
            var signal = Signal();
            if (TryReserve(bytes)) return true;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return false;
            try
            {
                await signal.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return TryReserve(bytes);
            }
        }
    }

    private Task Signal()
    {
        while (true)
        {
            var current = Volatile.Read(ref _released);
            if (current is not null) return current.Task;
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _released, fresh, null) is null) return fresh.Task;
        }
    }
}
