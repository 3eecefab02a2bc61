namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Tells a shard region which entity a message is for, which shard that entity lives in, and what to hand
/// the entity. Called for every message on the region's hot path, so implementations should not allocate.
/// Every node must map an entity id to the same shard id, or messages for one entity reach two shards.
/// Senders' threads call it concurrently (regions and shards route steady traffic on the sender's thread), so it
/// must be thread-safe: a pure function of the message, as in Akka.
/// </summary>
public interface IMessageExtractor
{
    /// <summary>The entity id of <paramref name="message"/>; null or empty when the message is not for an entity (it is dead-lettered).</summary>
    string? EntityId(object message);

    /// <summary>The shard of <paramref name="entityId"/>; must be the same on every node and in every process.</summary>
    string ShardId(string entityId, object? message = null);

    /// <summary>What the entity receives (e.g. the payload of an envelope).</summary>
    object EntityMessage(object message);
}
