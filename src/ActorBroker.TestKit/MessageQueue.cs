using System.Collections.Concurrent;

namespace ActorBroker.TestKit;

/// <summary>The messages a test actor or probe received, waitable both blocking and async.</summary>
internal sealed class MessageQueue
{
    private readonly ConcurrentQueue<ReceivedMessage> _queue = new();
    private readonly SemaphoreSlim _available = new(0);

    public void Enqueue(ReceivedMessage message)
    {
        _queue.Enqueue(message);
        _available.Release();
    }

    public bool TryTake(TimeSpan timeout, out ReceivedMessage message)
    {
        if (_available.Wait(ClampTimeout(timeout)) && _queue.TryDequeue(out message!)) return true;
        message = default!;
        return false;
    }

    public async Task<ReceivedMessage?> TakeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (await _available.WaitAsync(ClampTimeout(timeout), cancellationToken).ConfigureAwait(false) && _queue.TryDequeue(out var message))
            return message;
        return null;
    }

    public bool TryPeek(out ReceivedMessage message) => _queue.TryPeek(out message!);

    public int Count => _queue.Count;

    private static TimeSpan ClampTimeout(TimeSpan timeout) => timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
}

/// <summary>A message and who sent it.</summary>
public sealed record ReceivedMessage(object Message, ActorBroker.Actors.IActorRef Sender);
