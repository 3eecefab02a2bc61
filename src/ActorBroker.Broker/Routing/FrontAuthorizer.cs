using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Security;
using ActorBroker.Protocol.Security;
using ActorBroker.Tls;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Whom a request to the broker's front came from, and whether the ACLs let them (<c>actorbroker.broker.cluster-port
/// .authorization</c>). A request's sender names its actor system: a client certificate's connection bound that
/// system to the certificate's principal (<see cref="PeerRoles.BindClient"/>), and the client's frames can only name
/// senders in it. Requests the cluster client forwards arrive from the receptionist's response tunnel, which Akka names
/// after the client's actor (<c>/system/receptionist/&lt;escaped client path&gt;</c>). Nodes and this node's own actors
/// (the Kafka door's requests are checked there) are trusted; on a plain-TCP port, which has no certificates, every other
/// sender is <c>User:ANONYMOUS</c>, as on Kafka's PLAINTEXT listeners.
/// </summary>
internal sealed class FrontAuthorizer
{
    public const string Anonymous = "User:ANONYMOUS";
    private static readonly TimeSpan DenialLogInterval = TimeSpan.FromSeconds(10);

    private readonly PeerRoles? _roles;
    private readonly AuthorizationSettings _settings;
    private readonly LocalMetadata _metadata;
    private readonly string _clusterSystemName;
    private readonly ThrottledLog _denials;

    public FrontAuthorizer(PeerRoles? roles, AuthorizationSettings settings, LocalMetadata metadata, string clusterSystemName, ILoggingAdapter log)
    {
        _roles = roles;
        _settings = settings;
        _metadata = metadata;
        _clusterSystemName = clusterSystemName;
        _denials = new ThrottledLog(log, DenialLogInterval, TimeProvider.System);
    }

    /// <summary>
    /// The principal behind a request and the host its client's actor system runs on (what an ACL's host is compared
    /// with), or null for a trusted sender.
    /// </summary>
    private (string Principal, string Host)? ClientOf(IActorRef sender)
    {
        var path = sender.Path;
        var system = path.Address;
        if (system.Host is null)
        {
            var elements = path.Elements;
            if (elements.Count < 3 || elements[0] != "system" || elements[1] != "receptionist") return null;
            var name = Uri.UnescapeDataString(elements[2]);
            // The tunnel's name ends in the client actor's uid (#123), which is no part of a path to parse.
            if (!ActorPath.TryParse(name.Split('#')[0], out var client) || client.Address.Host is null) return (Anonymous, AclBinding.Wildcard);
            system = client.Address;
        }

        return system.System == _clusterSystemName ? null : (_roles?.ClientPrincipal(system) ?? Anonymous, system.Host!);
    }

    /// <summary>Whether <paramref name="sender"/> may do <paramref name="operation"/> on the resource; logs nothing.</summary>
    public bool Allows(IActorRef sender, AclOperation operation, AclResourceType type, string name, out string principal)
    {
        principal = "";
        if (!_settings.Enabled || ClientOf(sender) is not { } client || _settings.SuperUsers.Contains(client.Principal)) return true;
        principal = client.Principal;
        return AclRules.Allows(_metadata.Current.Security.Acls, principal, client.Host, operation, type, name, _settings.AllowEveryoneIfNoAclFound);
    }

    /// <summary>Why <paramref name="sender"/> may not do <paramref name="operation"/> on the resource (logged), or null when it may.</summary>
    public string? Denial(IActorRef sender, AclOperation operation, AclResourceType type, string name)
    {
        if (Allows(sender, operation, type, name, out var principal)) return null;
        var what = type == AclResourceType.Cluster ? "the cluster" : $"{type.ToString().ToLowerInvariant()} '{name}'";
        var denial = $"{principal} may not {operation} {what}: no ACL allows it, or one denies it";
        _denials.Warning($"Cluster port authorization: denied a request: {denial}", "requests denied");
        return denial;
    }
}
