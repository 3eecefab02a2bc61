using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>SaslAuthenticate (key 36) v0–v2 (v2 flexible): one SASL token from the client, and the server's answer to it.</summary>
public sealed record SaslAuthenticateRequest(byte[] AuthBytes)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.SaslAuthenticate, 0, 2, FlexibleFrom: 2);

    public static SaslAuthenticateRequest Read(ref KafkaReader reader, short version)
    {
        // Copied: the network buffer is reused once parsing returns.
        var bytes = reader.Bytes().ToArray();
        reader.TaggedFields();
        return new SaslAuthenticateRequest(bytes);
    }
}

/// <param name="ErrorMessage">What the client shows its user; never says whether the user exists.</param>
/// <param name="SessionLifetimeMs">v1+: 0, no re-authentication (KIP-368) is asked for.</param>
public sealed record SaslAuthenticateResponse(short ErrorCode, string? ErrorMessage, byte[] AuthBytes, long SessionLifetimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int16(ErrorCode);
        writer.NullableString(ErrorMessage);
        writer.NullableBytes(AuthBytes);
        if (version >= 1) writer.Int64(SessionLifetimeMs);
        writer.TaggedFields();
    }
}
