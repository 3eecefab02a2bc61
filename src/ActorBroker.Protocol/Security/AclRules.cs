namespace ActorBroker.Protocol.Security;

/// <summary>
/// Kafka's ACL semantics, as its StandardAuthorizer decides: the ACLs of a resource are the literal ones of its name,
/// the literal <c>*</c> ones of its type and the prefixed ones its name starts with. A DENY that matches the principal
/// (or <c>User:*</c>), the host (or <c>*</c>) and the operation (or All) wins. Otherwise an ALLOW decides, where
/// Read, Write, Delete and Alter imply Describe, and AlterConfigs implies DescribeConfigs. A resource without any
/// ACL is allowed only when allow.everyone.if.no.acl.found says so.
/// </summary>
public static class AclRules
{
    private const string AnyUser = "User:*";

    public static bool Allows(IReadOnlyList<AclBinding> acls, string principal, string host, AclOperation operation, AclResourceType type, string name,
        bool allowIfNoAcl)
    {
        var anyForResource = false;
        var allowed = false;
        foreach (var acl in acls)
        {
            if (acl.ResourceType != type || !NameMatches(acl, name)) continue;
            anyForResource = true;
            if (!PrincipalMatches(acl.Principal, principal) || (acl.Host != AclBinding.Wildcard && acl.Host != host)) continue;
            if (acl.Permission == AclPermission.Deny)
            {
                if (acl.Operation == operation || acl.Operation == AclOperation.All) return false;
            }
            else if (Grants(acl.Operation, operation))
            {
                allowed = true;
            }
        }

        return allowed || (!anyForResource && allowIfNoAcl);
    }

    private static bool NameMatches(AclBinding acl, string name) => acl.PatternType switch
    {
        AclPatternType.Literal => acl.ResourceName == name || acl.ResourceName == AclBinding.Wildcard,
        AclPatternType.Prefixed => name.StartsWith(acl.ResourceName, StringComparison.Ordinal),
        _ => false,
    };

    private static bool PrincipalMatches(string aclPrincipal, string principal) =>
        aclPrincipal == principal || aclPrincipal == AnyUser;

    /// <summary>Whether an ALLOW of <paramref name="granted"/> permits <paramref name="wanted"/>.</summary>
    private static bool Grants(AclOperation granted, AclOperation wanted) =>
        granted == wanted || granted == AclOperation.All
        || (wanted == AclOperation.Describe && granted is AclOperation.Read or AclOperation.Write or AclOperation.Delete or AclOperation.Alter)
        || (wanted == AclOperation.DescribeConfigs && granted == AclOperation.AlterConfigs);
}
