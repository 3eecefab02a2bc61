using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>CreateAcls (key 30) v1–v3, flexible from v2 (v0, without pattern types, is deprecated and not served).</summary>
public sealed record CreateAclsRequest(IReadOnlyList<AclCreation> Creations)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.CreateAcls, 1, 3, 2);

    public static CreateAclsRequest Read(ref KafkaReader reader, short version)
    {
        var creations = new AclCreation[reader.RequiredArrayLength(10)];
        for (var i = 0; i < creations.Length; i++)
        {
            creations[i] = new AclCreation(reader.Int8(), reader.String(), reader.Int8(), reader.String(), reader.String(), reader.Int8(), reader.Int8());
            reader.TaggedFields();
        }

        reader.TaggedFields();
        return new CreateAclsRequest(creations);
    }
}

/// <summary>One ACL to create, with Kafka's raw numbers (checked by the handler).</summary>
public sealed record AclCreation(sbyte ResourceType, string ResourceName, sbyte PatternType, string Principal, string Host, sbyte Operation, sbyte Permission);

public sealed record CreateAclsResponse(IReadOnlyList<(short ErrorCode, string? ErrorMessage)> Results, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Results.Count);
        foreach (var (errorCode, errorMessage) in Results)
        {
            writer.Int16(errorCode);
            writer.NullableString(errorMessage);
            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}
