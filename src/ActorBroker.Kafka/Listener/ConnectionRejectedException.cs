namespace ActorBroker.Kafka.Listener;

/// <summary>A request the door does not serve at all (unknown API key, unsupported version, oversized frame): its connection is closed.</summary>
internal sealed class ConnectionRejectedException(string reason) : Exception(reason);
