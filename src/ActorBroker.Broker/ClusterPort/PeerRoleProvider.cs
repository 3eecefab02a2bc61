using ActorBroker.Tls;
using Akka.Actor;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// Akka.Remote's transport-adapter extension point for <see cref="PeerRoleTransport"/>: on a node whose actor system
/// carries <see cref="PeerRoles"/> (TLS on, see <c>TlsCredentials.SystemSetup</c>), connections of client certificates
/// get <see cref="Protocol.Serialization.Wire.ClientFrames"/>' rules. Without TLS there are no certificates, hence no
/// roles, and the transport is returned as it is.
/// </summary>
public sealed class PeerRoleProvider : ITransportAdapterProvider
{
    /// <summary>The adapter's name in <c>applied-adapters</c>.</summary>
    public const string AdapterName = "actorbroker-peer-roles";

    public Transport Create(Transport wrappedTransport, ExtendedActorSystem system) =>
        PeerRoles.Of(system) is { } roles ? new PeerRoleTransport(wrappedTransport, system, roles) : wrappedTransport;
}
