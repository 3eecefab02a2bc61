using ActorBroker.Actors;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// The messages a <see cref="ClusterClient"/> holds while it has no receptionist, with their senders. Bounded:
/// adding to a full buffer evicts the oldest entry and returns it, so the caller can dead-letter it.
/// Not thread-safe: owned by one actor.
/// </summary>
internal sealed class MessageBuffer(int capacity)
{
    private readonly Queue<(object Message, IActorRef Sender)> _queue = new();

    public int Count => _queue.Count;

    public int Capacity => capacity;

    /// <summary>Adds an entry; returns the one evicted to make room, or the entry itself when the capacity is 0.</summary>
    public (object Message, IActorRef Sender)? Add(object message, IActorRef sender)
    {
        if (capacity == 0) return (message, sender);
        (object, IActorRef)? evicted = _queue.Count == capacity ? _queue.Dequeue() : null;
        _queue.Enqueue((message, sender));
        return evicted;
    }

    /// <summary>Removes and returns every entry, oldest first.</summary>
    public List<(object Message, IActorRef Sender)> DrainAll()
    {
        var all = _queue.ToList();
        _queue.Clear();
        return all;
    }
}
