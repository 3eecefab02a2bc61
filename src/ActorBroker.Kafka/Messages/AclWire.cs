using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Messages;

/// <summary>The fields the three ACL APIs share: a binding or a filter, and a binding written back, as Kafka lays them out.</summary>
internal static class AclWire
{
    /// <summary>Kafka's "pattern type" of v0 requests, which had none: literal.</summary>
    private const sbyte Literal = (sbyte)AclPatternType.Literal;

    public static AclFilter ReadFilter(ref KafkaReader reader, short version) => new(
        reader.Int8(), reader.NullableString(), version >= 1 ? reader.Int8() : Literal, reader.NullableString(), reader.NullableString(), reader.Int8(), reader.Int8());

    public static void WriteResource(KafkaWriter writer, AclBinding acl, short version)
    {
        writer.Int8((sbyte)acl.ResourceType);
        writer.String(acl.ResourceName);
        if (version >= 1) writer.Int8((sbyte)acl.PatternType);
    }

    public static void WriteEntry(KafkaWriter writer, AclBinding acl)
    {
        writer.String(acl.Principal);
        writer.String(acl.Host);
        writer.Int8((sbyte)acl.Operation);
        writer.Int8((sbyte)acl.Permission);
    }
}
