using System.Net;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// The checks of user and ACL changes: what Kafka refuses (empty names, iteration counts out of range, an ACL on the
/// cluster resource under another name, a principal that is not <c>Type:name</c>), with a message that says what to change.
/// Pure functions of the request and the state.
/// </summary>
internal static class SecurityRequestRules
{
    /// <summary>User names are SASL names: anything printable but not empty and not absurdly long.</summary>
    private const int MaxUserLength = 255;

    public static Rejection? CheckAlterUser(AlterUserCredentialRequest request, ControllerState state)
    {
        if (string.IsNullOrWhiteSpace(request.User) || request.User.Length > MaxUserLength || request.User.Any(char.IsControl))
            return new Rejection(ErrorCode.InvalidRequest, $"a user name must be 1 to {MaxUserLength} printable characters, but is '{request.User}'");
        if (!Enum.IsDefined(request.Mechanism)) return new Rejection(ErrorCode.InvalidRequest, $"{request.Mechanism} is not a SCRAM mechanism");
        if (request.Credential is not { } credential)
        {
            return state.Users.TryGetValue(request.User, out var credentials) && credentials.ContainsKey(request.Mechanism)
                ? null
                : new Rejection(ErrorCode.ResourceNotFound, $"user '{request.User}' has no {request.Mechanism.SaslName()} credential");
        }

        if (credential.Mechanism != request.Mechanism)
            return new Rejection(ErrorCode.InvalidRequest, $"the credential is for {credential.Mechanism.SaslName()}, not {request.Mechanism.SaslName()}");
        if (credential.Iterations is < ScramCredential.MinIterations or > ScramCredential.MaxIterations)
            return new Rejection(ErrorCode.InvalidRequest,
                $"SCRAM iterations must be {ScramCredential.MinIterations} to {ScramCredential.MaxIterations}, but are {credential.Iterations}");
        var keyLength = ScramCredential.KeyLength(credential.Mechanism);
        if (credential.Salt.Length is < 8 or > 1024 || credential.StoredKey.Length != keyLength || credential.ServerKey.Length != keyLength)
            return new Rejection(ErrorCode.InvalidRequest, $"a {credential.Mechanism.SaslName()} credential has a salt of 8 to 1024 bytes and {keyLength}-byte keys");
        return null;
    }

    public static Rejection? CheckAcls(IReadOnlyList<AclBinding> acls)
    {
        if (acls.Count == 0) return new Rejection(ErrorCode.InvalidRequest, "no ACL given");
        foreach (var acl in acls)
        {
            if (CheckAcl(acl) is { } invalid) return new Rejection(ErrorCode.InvalidRequest, $"{acl}: {invalid}");
        }
        return null;
    }

    private static string? CheckAcl(AclBinding acl)
    {
        if (!Enum.IsDefined(acl.ResourceType) || !Enum.IsDefined(acl.PatternType) || !Enum.IsDefined(acl.Operation) || !Enum.IsDefined(acl.Permission))
            return "an unknown resource type, pattern type, operation or permission";
        if (string.IsNullOrEmpty(acl.ResourceName)) return "the resource name is empty";
        if (acl.ResourceType == AclResourceType.Cluster && (acl.ResourceName != AclBinding.ClusterName || acl.PatternType != AclPatternType.Literal))
            return $"the cluster resource is named '{AclBinding.ClusterName}' (literal)";
        if (acl.PatternType == AclPatternType.Prefixed && acl.ResourceName == AclBinding.Wildcard)
            return "a prefixed pattern of '*' matches only names starting with '*'; use a literal '*' for every resource";
        var colon = acl.Principal.IndexOf(':');
        if (colon <= 0 || colon == acl.Principal.Length - 1) return $"the principal must be Type:name, such as User:alice or User:*, but is '{acl.Principal}'";
        if (acl.Host != AclBinding.Wildcard && !IPAddress.TryParse(acl.Host, out _)) return $"the host must be an IP address or '*', but is '{acl.Host}'";
        return null;
    }
}
