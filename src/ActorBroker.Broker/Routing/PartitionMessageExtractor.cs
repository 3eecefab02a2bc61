using System.Collections.Concurrent;
using ActorBroker.Broker.Internal;
using Akka.Cluster.Sharding;
using ActorBroker.Protocol;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Routes partition messages in the <c>partition</c> shard region: entity id and shard id are both the partition's
/// <c>topic-partition</c>, so the controller can place each partition on its own (one shard per partition), and the
/// entity gets the message as it is.
/// </summary>
internal sealed class PartitionMessageExtractor : IMessageExtractor
{
    // The region asks for every message; remembering the ids spares a string per request. Bounded, since partitions are.
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<TopicPartition, string> _ids = new();

    public string? EntityId(object message) => message switch
    {
        DeletePartition d => IdOf(d.Partition),
        _ when RequestErrors.TryGetPartition(message, out var partition) => IdOf(partition),
        _ => null,
    };

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    // Akka still declares the message-only form; it routes through the entity id like the other.
    public string? ShardId(object message) => EntityId(message);

    public object EntityMessage(object message) => message;

    private string IdOf(TopicPartition partition)
    {
        if (_ids.TryGetValue(partition, out var id)) return id;
        id = partition.ToString();
        if (_ids.Count < MaxRemembered) _ids.TryAdd(partition, id);
        return id;
    }
}
