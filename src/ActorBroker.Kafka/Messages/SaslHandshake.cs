using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// SaslHandshake (key 17) v1: the client names the SASL mechanism it wants; the tokens then travel in SaslAuthenticate
/// requests. v0, after which the tokens would follow as raw unframed bytes, is not served.
/// </summary>
public sealed record SaslHandshakeRequest(string Mechanism)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.SaslHandshake, 1, 1, FlexibleFrom: short.MaxValue);

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
