using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>What the ACL APIs share: when they are refused outright, and a creation's raw numbers as a binding.</summary>
internal static class AclAdmin
{
    private const short SecurityDisabled = 54;

    /// <summary>SECURITY_DISABLED while ACLs are not checked; CLUSTER_AUTHORIZATION_FAILED without <paramref name="operation"/> on the cluster; else null.</summary>
    public static (short Code, string Message)? Refusal(KafkaAuthorizer authorizer, RequestContext context, AclOperation operation)
    {
        if (!authorizer.Enabled)
            return (SecurityDisabled, "this node checks no ACLs (actorbroker.kafka.authorization.enabled = off); turn it on to manage ACLs through the Kafka door, or use 'actorbroker acls'");
        return authorizer.Allows(context, operation, AclResourceType.Cluster, AclBinding.ClusterName)
            ? null
            : (KafkaErrorCodes.ClusterAuthorizationFailed, $"{context.Principal} may not {operation} the cluster's ACLs");
    }

    /// <summary>The binding, or null when a field is unknown or a filter value (ANY, MATCH) that a binding cannot have.</summary>
    public static AclBinding? Binding(AclCreation c) =>
        Defined<AclResourceType>(c.ResourceType) && Defined<AclPatternType>(c.PatternType) && Defined<AclOperation>(c.Operation) && Defined<AclPermission>(c.Permission)
            ? new AclBinding((AclResourceType)c.ResourceType, c.ResourceName, (AclPatternType)c.PatternType, c.Principal, c.Host, (AclOperation)c.Operation,
                (AclPermission)c.Permission)
            : null;

    private static bool Defined<T>(sbyte value) where T : struct, Enum => value > 1 && Enum.IsDefined(typeof(T), (byte)value);
}
