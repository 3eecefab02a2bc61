namespace ActorBroker.Kafka.Wire;

/// <summary>
/// A request that does not follow Kafka's wire format (truncated, a forged length, an invalid varint). The
/// connection that sent it is closed with one log line; the node and its other connections go on.
/// </summary>
public sealed class KafkaProtocolException(string message) : Exception(message);
