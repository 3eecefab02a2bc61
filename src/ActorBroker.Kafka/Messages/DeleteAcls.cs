using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Messages;

/// <summary>DeleteAcls (key 31) v1–v3, flexible from v2.</summary>
public sealed record DeleteAclsRequest(IReadOnlyList<AclFilter> Filters)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.DeleteAcls, 1, 3, 2);

    public static DeleteAclsRequest Read(ref KafkaReader reader, short version)
    {
        var filters = new AclFilter[reader.RequiredArrayLength(10)];
        for (var i = 0; i < filters.Length; i++)
        {
            filters[i] = AclWire.ReadFilter(ref reader, version);
            reader.TaggedFields();
        }

        reader.TaggedFields();
        return new DeleteAclsRequest(filters);
    }
}

/// <summary>Per filter: its error, or the ACLs it matched and deleted.</summary>
public sealed record DeleteAclsFilterResult(short ErrorCode, string? ErrorMessage, IReadOnlyList<AclBinding> Deleted);

public sealed record DeleteAclsResponse(IReadOnlyList<DeleteAclsFilterResult> Results, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Results.Count);
        foreach (var result in Results)
        {
            writer.Int16(result.ErrorCode);
            writer.NullableString(result.ErrorMessage);
            writer.ArrayLength(result.Deleted.Count);
            foreach (var acl in result.Deleted)
            {
                writer.Int16(0);
                writer.NullableString(null);
                AclWire.WriteResource(writer, acl, version);
                AclWire.WriteEntry(writer, acl);
                writer.TaggedFields();
            }

            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}
