namespace ActorBroker.Kafka.Wire;

/// <summary>
/// A request's header: API key and version, the correlation id the response echoes, and the client id (header v1
/// and v2; v2, used by flexible versions, adds tagged fields). The client id stays an int16-length string in v2.
/// </summary>
public readonly record struct RequestHeader(short ApiKey, short ApiVersion, int CorrelationId, string? ClientId)
{
    /// <summary>
    /// Reads the header from <paramref name="reader"/> (a non-flexible reader over the frame). Whether the header has
    /// tagged fields depends on the API and version, which come first: <paramref name="isFlexible"/> decides from them.
    /// </summary>
    public static RequestHeader Read(ref KafkaReader reader, Func<short, short, bool> isFlexible)
    {
        var apiKey = reader.Int16();
        var apiVersion = reader.Int16();
        var correlationId = reader.Int32();
        var clientId = reader.NullableString();
        if (isFlexible(apiKey, apiVersion)) reader.SkipTaggedFields();

        return new RequestHeader(apiKey, apiVersion, correlationId, clientId);
    }

    /// <summary>Writes a response header: v0 is the correlation id alone; v1 (flexible responses) adds tagged fields.</summary>
    public static void WriteResponseHeader(KafkaWriter writer, int correlationId, bool flexible)
    {
        writer.Int32(correlationId);
        if (flexible) writer.UnsignedVarint(0);
    }
}
