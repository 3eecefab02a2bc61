using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// A SASL token sent as a bare size-prefixed frame, without a response header: how the server answers after a
/// SaslHandshake v0 (clients from before SaslAuthenticate, KIP-152).
/// </summary>
public sealed record SaslRawToken(byte[] Token) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version) => writer.Raw(Token);
}
