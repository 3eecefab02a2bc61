namespace ActorBroker.Actors.Events;

/// <summary>
/// System-wide publish/subscribe by type: a subscriber to a type receives every event assignable
/// to it (subscribe to <c>object</c> for everything). Dead letters, unhandled messages and log
/// events of level Warning and above are published here.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _lock = new();
    private Subscription[] _subscriptions = [];

    private sealed record Subscription(IActorRef Subscriber, Type Channel);

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_lock)
        {
            if (_subscriptions.Any(s => s.Subscriber.Equals(subscriber) && s.Channel == channel)) return false;
            _subscriptions = [.. _subscriptions, new Subscription(subscriber, channel)];
            return true;
        }
    }

    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    public bool Unsubscribe(IActorRef subscriber, Type channel) =>
        RemoveWhere(s => s.Subscriber.Equals(subscriber) && s.Channel == channel);

    public bool Unsubscribe(IActorRef subscriber) => RemoveWhere(s => s.Subscriber.Equals(subscriber));

    /// <summary>True when someone listens for events of <paramref name="eventType"/>; lets publishers skip building events.</summary>
    public bool HasSubscribers(Type eventType)
    {
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (s.Channel.IsAssignableFrom(eventType)) return true;
        }

        return false;
    }

    public void Publish(object @event)
    {
        var removeDead = false;
        foreach (var s in Volatile.Read(ref _subscriptions))
        {
            if (!s.Channel.IsInstanceOfType(@event)) continue;
            if (s.Subscriber is IInternalActorRef { IsTerminated: true })
            {
                removeDead = true;
                continue;
            }

            s.Subscriber.Tell(@event, ActorRefs.NoSender);
        }

        if (removeDead) RemoveWhere(s => s.Subscriber is IInternalActorRef { IsTerminated: true });
    }

    private bool RemoveWhere(Func<Subscription, bool> predicate)
    {
        lock (_lock)
        {
            var kept = _subscriptions.Where(s => !predicate(s)).ToArray();
            var removed = kept.Length != _subscriptions.Length;
            _subscriptions = kept;
            return removed;
        }
    }
}
