using System.Collections.Concurrent;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// The queue between everything that sends to one remote node and that node's writer loop: many producers, one
/// consumer, lock-free on both ends. Only a consumer that finds it empty parks, on a fresh task that the next write
/// completes. (A Channel locks on every write; under a steady stream the lock is contended, inflates, and every
/// Tell then pays a call into the runtime.) Unbounded: the caller counts what it queues.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly ConcurrentQueue<OutboundEnvelope> _items = new();
    private TaskCompletionSource? _waiter;
    private int _completed;

    private bool IsCompleted => Volatile.Read(ref _completed) != 0;

    /// <summary>Queues <paramref name="envelope"/>; false once <see cref="Complete"/> was called.</summary>
    public bool TryWrite(in OutboundEnvelope envelope)
    {
        if (IsCompleted) return false;
        _items.Enqueue(envelope);
        WakeReader();
        return true;
    }

    /// <summary>Takes no more writes; the reader gets what is queued, then <see cref="WaitToReadAsync"/> answers false.</summary>
    public void Complete()
    {
        Interlocked.Exchange(ref _completed, 1);
        WakeReader();
    }

    public bool TryRead(out OutboundEnvelope envelope) => _items.TryDequeue(out envelope);

    /// <summary>
    /// True when there is something to read, false when completed and drained. One caller at a time; a wait
    /// abandoned (e.g. for a closed connection) is simply replaced by the next one.
    /// </summary>
    public ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (!_items.IsEmpty) return new(true);
        if (IsCompleted) return new(!_items.IsEmpty);

        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _waiter, waiter);
        // Both sides publish, fence, then look (Enqueue's compare-exchange, this exchange): a write that raced with
        // the checks above is seen here, or it sees the waiter and completes it.
        if ((!_items.IsEmpty || IsCompleted) && Interlocked.CompareExchange(ref _waiter, null, waiter) == waiter)
            return new(!_items.IsEmpty || !IsCompleted);
        return WaitAsync(waiter.Task, cancellationToken);
    }

    private async ValueTask<bool> WaitAsync(Task woken, CancellationToken cancellationToken)
    {
        await (cancellationToken.CanBeCanceled ? woken.WaitAsync(cancellationToken) : woken).ConfigureAwait(false);
        return !_items.IsEmpty || !IsCompleted;
    }

    private void WakeReader()
    {
        if (Volatile.Read(ref _waiter) is not null) Interlocked.Exchange(ref _waiter, null)?.TrySetResult();
    }
}
