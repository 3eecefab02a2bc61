namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Addresses <paramref name="Message"/> to entity <paramref name="EntityId"/> without a message type of your
/// own that carries the id; <see cref="HashCodeMessageExtractor"/> unwraps it, so the entity gets the message itself.
/// </summary>
public sealed record ShardingEnvelope(string EntityId, object Message);
