namespace ActorBroker.Kafka.Listener;

/// <summary>The Kafka listener cannot start (its port is taken, its host unknown); the message names the setting.</summary>
public sealed class KafkaListenerException(string message, Exception? inner = null) : Exception(message, inner);
