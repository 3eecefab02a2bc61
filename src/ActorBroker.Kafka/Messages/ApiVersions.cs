using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// ApiVersions (key 18) v0–v3: v0–v2 requests are empty; v3 (flexible) names the client software. The response
/// lists every served API's version range.
/// </summary>
public sealed record ApiVersionsRequest(string? ClientSoftwareName, string? ClientSoftwareVersion)
{
    public static ApiVersionsRequest Read(ref KafkaReader reader, short version)
    {
        if (version < 3) return new ApiVersionsRequest(null, null);
        var name = reader.NullableString();
        var softwareVersion = reader.NullableString();
        reader.TaggedFields();
        return new ApiVersionsRequest(name, softwareVersion);
    }
}

/// <param name="ErrorCode">UNSUPPORTED_VERSION (35) when the request's version is not served; the ranges still tell the client what is.</param>
public sealed record ApiVersionsResponse(short ErrorCode, IReadOnlyList<ApiVersionRange> Apis, int ThrottleTimeMs = 0) : IKafkaResponse
{
    /// <summary>
    /// Writes the body. The ApiVersions response header is always v0 (no tagged fields), even for v3, so that a client
    /// can read it before it knows what the broker serves.
    /// </summary>
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int16(ErrorCode);
        writer.ArrayLength(Apis.Count);
        foreach (var api in Apis)
        {
            writer.Int16((short)api.Key);
            writer.Int16(api.Min);
            writer.Int16(api.Max);
            writer.TaggedFields();
        }

        if (version >= 1) writer.Int32(ThrottleTimeMs);
        writer.TaggedFields();
    }
}
