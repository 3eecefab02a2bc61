using ActorBroker.Broker.Internal;
using ActorBroker.Tls;
using Akka.Actor;
using Akka.Event;
using ActorBroker.Tls.Adapters;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// A node's Akka.Remote transport that holds each connection to what its peer's certificate allows: a node's
/// connection passes untouched; a client certificate's connection, in either direction, passes only the frames
/// <see cref="Protocol.Serialization.Wire.ClientFrames"/> accepts (<see cref="ClientScreenedHandle"/>). Akka.Remote
/// itself treats every peer that completed the TLS handshake alike.
/// </summary>
internal sealed class PeerRoleTransport : WrappingTransport
{
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private readonly PeerRoles _roles;
    private readonly ClientRefusalLogs _refusals;

    public PeerRoleTransport(Transport wrapped, ExtendedActorSystem system, PeerRoles roles)
        : base(wrapped, system)
    {
        _roles = roles;
        var log = Logging.GetLogger(system, typeof(PeerRoleTransport));
        _refusals = new ClientRefusalLogs(
            Frames: new ThrottledLog(log, RefusalLogInterval, TimeProvider.System),
            Handshakes: new ThrottledLog(log, RefusalLogInterval, TimeProvider.System));
    }

    public override async Task<AssociationHandle> Associate(Address remoteAddress) =>
        Screen(await Wrapped.Associate(remoteAddress).ConfigureAwait(false), inbound: false);

    protected override void OnInbound(AssociationHandle handle, Task<IAssociationEventListener> upstream) =>
        Deliver(Screen(handle, inbound: true), upstream);

    private ClientScreenedHandle Screen(AssociationHandle handle, bool inbound) =>
        new(handle, inbound, _roles, System.Name, _refusals);
}
