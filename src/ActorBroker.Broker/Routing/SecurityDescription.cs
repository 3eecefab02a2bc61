using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>What a node tells an administrator about users and ACLs: the mechanisms and iteration counts, never salts or keys.</summary>
internal static class SecurityDescription
{
    public static DescribeSecurityResponse Of(SecurityImage security, long correlationId) => new(
        [.. security.Users.OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => new UserDescription(u.Key, [.. u.Value.Select(c => c.Mechanism)], [.. u.Value.Select(c => c.Iterations)]))],
        security.Acls,
        correlationId);
}
