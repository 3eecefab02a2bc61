using Akka.Actor;
using Akka.Remote.Transport;

namespace ActorBroker.Tls.Adapters;

/// <summary>
/// Follows each connection's certificate for the layers above (<see cref="PeerCertificateHandle"/>): a connection this
/// system opened to a peer whose certificate it refused ends at the peer's first frame, and a connection's recorded
/// role is forgotten when it ends. Akka.Remote 1.5.75 runs the actor system's coordinated shutdown when the TLS
/// handshake of a connection it opened fails, so the validator (<see cref="CaTrust.Validator"/>) lets such a
/// handshake complete and leaves the refusal to this adapter.
/// </summary>
internal sealed class PeerCertificateTransport : WrappingTransport
{
    private readonly PeerRoles _roles;

    public PeerCertificateTransport(Transport wrapped, ExtendedActorSystem system, PeerRoles roles)
        : base(wrapped, system)
    {
        _roles = roles;
        roles.ClosesRefusedPeers = true;
    }

    public override async Task<AssociationHandle> Associate(Address remoteAddress) =>
        new PeerCertificateHandle(await Wrapped.Associate(remoteAddress).ConfigureAwait(false), inbound: false, _roles);

    protected override void OnInbound(AssociationHandle handle, Task<IAssociationEventListener> upstream) =>
        Deliver(new PeerCertificateHandle(handle, inbound: true, _roles), upstream);
}
