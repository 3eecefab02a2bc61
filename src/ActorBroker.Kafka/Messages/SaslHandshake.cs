using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// SaslHandshake (key 17) v0–v1: the client names the SASL mechanism it wants; after v1 the tokens travel in
/// SaslAuthenticate requests, after v0 as raw size-prefixed frames (<see cref="SaslRawToken"/>). v1 is what clients
/// send, but librdkafka up to at least 2.0 refuses SASL with a broker that does not list v0.
/// </summary>
public sealed record SaslHandshakeRequest(string Mechanism)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.SaslHandshake, 0, 1, FlexibleFrom: short.MaxValue);

    public static SaslHandshakeRequest Read(ref KafkaReader reader, short version) => new(reader.String());
}

/// <param name="Mechanisms">The mechanisms the listener has enabled, also (above all) when the client asked for another.</param>
public sealed record SaslHandshakeResponse(short ErrorCode, IReadOnlyList<string> Mechanisms) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int16(ErrorCode);
        writer.ArrayLength(Mechanisms.Count);
        foreach (var mechanism in Mechanisms) writer.String(mechanism);
    }
}
