namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Sent by an entity to its parent (the shard) to be stopped without losing messages: the shard buffers
/// messages for the entity, sends it <paramref name="StopMessage"/>, and once it has stopped re-creates it if
/// any messages arrived meanwhile. An entity that just calls <c>Context.Stop(Self)</c> may lose in-flight messages.
/// </summary>
public sealed record Passivate(object StopMessage);
