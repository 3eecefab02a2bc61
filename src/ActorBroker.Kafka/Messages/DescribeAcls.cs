using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Messages;

/// <summary>DescribeAcls (key 29) v1–v3, flexible from v2.</summary>
public sealed record DescribeAclsRequest(AclFilter Filter)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.DescribeAcls, 1, 3, 2);

    public static DescribeAclsRequest Read(ref KafkaReader reader, short version)
    {
        var filter = AclWire.ReadFilter(ref reader, version);
        reader.TaggedFields();
        return new DescribeAclsRequest(filter);
    }
}

/// <summary>The matching ACLs, grouped by resource (type, name, pattern type) as Kafka groups them.</summary>
public sealed record DescribeAclsResponse(short ErrorCode, string? ErrorMessage, IReadOnlyList<AclBinding> Acls, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.Int16(ErrorCode);
        writer.NullableString(ErrorMessage);
        var resources = Acls.GroupBy(a => (a.ResourceType, a.ResourceName, a.PatternType)).ToList();
        writer.ArrayLength(resources.Count);
        foreach (var resource in resources)
        {
            AclWire.WriteResource(writer, resource.First(), version);
            writer.ArrayLength(resource.Count());
            foreach (var acl in resource)
            {
                AclWire.WriteEntry(writer, acl);
                writer.TaggedFields();
            }

            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}
