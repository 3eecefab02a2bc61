namespace ActorBroker.Protocol.Security;

/// <summary>What an ACL protects; the numbers are Kafka's.</summary>
public enum AclResourceType : byte
{
    Topic = 2,
    Group = 3,
    Cluster = 4,
    TransactionalId = 5,
}

/// <summary>How an ACL's resource name matches: the exact name (or <c>*</c>, every resource) or a prefix; Kafka's numbers.</summary>
public enum AclPatternType : byte
{
    Literal = 3,
    Prefixed = 4,
}

/// <summary>What a principal may do; Kafka's operations and numbers.</summary>
public enum AclOperation : byte
{
    All = 2,
    Read = 3,
    Write = 4,
    Create = 5,
    Delete = 6,
    Alter = 7,
    Describe = 8,
    ClusterAction = 9,
    DescribeConfigs = 10,
    AlterConfigs = 11,
    IdempotentWrite = 12,
}

/// <summary>Whether an ACL allows or denies; a deny wins over any allow, as in Kafka.</summary>
public enum AclPermission : byte
{
    Deny = 2,
    Allow = 3,
}

/// <summary>
/// One access rule, as Kafka's ACL bindings read: <paramref name="Principal"/> (<c>User:alice</c>, or <c>User:*</c>
/// for everyone) from <paramref name="Host"/> (an IP address, or <c>*</c>) is allowed or denied
/// <paramref name="Operation"/> on the resources that <paramref name="ResourceName"/> and <paramref name="PatternType"/> match.
/// The cluster resource is named <c>kafka-cluster</c>, as in Kafka.
/// </summary>
public sealed record AclBinding(
    AclResourceType ResourceType, string ResourceName, AclPatternType PatternType, string Principal, string Host, AclOperation Operation, AclPermission Permission)
{
    /// <summary>The cluster resource's only name.</summary>
    public const string ClusterName = "kafka-cluster";

    /// <summary>The literal resource name that matches every resource of its type; also the principal and host wildcards' text.</summary>
    public const string Wildcard = "*";

    public override string ToString() =>
        $"{Permission} {Principal} from {Host} to {Operation} {ResourceType} {(PatternType == AclPatternType.Prefixed ? "prefixed " : "")}'{ResourceName}'";
}
