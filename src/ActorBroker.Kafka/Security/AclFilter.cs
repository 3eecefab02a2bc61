using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// Kafka's ACL binding filter (DescribeAcls, DeleteAcls): each field matches a value, or any with ANY (1) or null.
/// The pattern type MATCH (2) with a resource name matches what would apply to that resource: its literal ACLs, the
/// literal wildcard ones and the prefixed ones it starts with. Fields are Kafka's raw numbers, so an unknown one is
/// refused with a message instead of failing the parse.
/// </summary>
public sealed record AclFilter(sbyte ResourceType, string? ResourceName, sbyte PatternType, string? Principal, string? Host, sbyte Operation, sbyte Permission)
{
    private const sbyte Any = 1;
    private const sbyte Match = 2;

    /// <summary>Why Kafka would refuse the filter, or null.</summary>
    public string? Invalid() =>
        !Known<AclResourceType>(ResourceType) ? $"unknown resource type {ResourceType}"
        : PatternType != Match && !Known<AclPatternType>(PatternType) ? $"unknown pattern type {PatternType}"
        : !Known<AclOperation>(Operation) ? $"unknown operation {Operation}"
        : !Known<AclPermission>(Permission) ? $"unknown permission type {Permission}"
        : null;

    public bool Matches(AclBinding acl) =>
        (ResourceType == Any || (sbyte)acl.ResourceType == ResourceType)
        && ResourceMatches(acl)
        && (Principal is null || Principal == acl.Principal)
        && (Host is null || Host == acl.Host)
        && (Operation == Any || (sbyte)acl.Operation == Operation)
        && (Permission == Any || (sbyte)acl.Permission == Permission);

    private bool ResourceMatches(AclBinding acl)
    {
        if (PatternType == Match)
        {
            if (ResourceName is null) return true;
            return acl.PatternType == AclPatternType.Literal
                ? acl.ResourceName == ResourceName || acl.ResourceName == AclBinding.Wildcard
                : ResourceName.StartsWith(acl.ResourceName, StringComparison.Ordinal);
        }

        return (PatternType == Any || (sbyte)acl.PatternType == PatternType) && (ResourceName is null || ResourceName == acl.ResourceName);
    }

    private static bool Known<T>(sbyte value) where T : struct, Enum => value == Any || Enum.IsDefined(typeof(T), (byte)value);
}
