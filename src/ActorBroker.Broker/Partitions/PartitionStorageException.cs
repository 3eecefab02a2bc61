namespace ActorBroker.Broker.Partitions;

/// <summary>The journal failed under a partition; thrown so that its supervisor restarts it and it recovers from what was stored.</summary>
public sealed class PartitionStorageException(string message, Exception inner) : Exception(message, inner);
