using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Messages waiting per key (a shard, or an entity) in arrival order, bounded by one total across all keys
/// (actorbroker.cluster.sharding.buffer-size). Not thread-safe: owned by one actor.
/// </summary>
internal sealed class ShardBuffers(int capacity)
{
    private readonly Dictionary<string, Queue<(object Message, IActorRef? Sender)>> _queues = [];

    public int TotalCount { get; private set; }

    public int Capacity => capacity;

    public IEnumerable<string> Keys => _queues.Keys;

    public bool IsFull => TotalCount >= capacity;

    public bool Contains(string key) => _queues.ContainsKey(key);

    public int CountOf(string key) => _queues.TryGetValue(key, out var q) ? q.Count : 0;

    /// <summary>Appends; returns false when the total is at capacity (the caller dead-letters the message).</summary>
    public bool TryAdd(string key, object message, IActorRef? sender)
    {
        if (TotalCount >= capacity) return false;
        if (!_queues.TryGetValue(key, out var queue))
        {
            queue = new Queue<(object, IActorRef?)>();
            _queues[key] = queue;
        }

        queue.Enqueue((message, sender));
        TotalCount++;
        return true;
    }

    /// <summary>Removes and returns the messages of <paramref name="key"/>, oldest first (empty when none).</summary>
    public Queue<(object Message, IActorRef? Sender)>? Take(string key)
    {
        if (!_queues.Remove(key, out var queue)) return null;
        TotalCount -= queue.Count;
        return queue;
    }
}
