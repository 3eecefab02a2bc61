using Akka.Remote.Transport;

namespace ActorBroker.Tls.Adapters;

/// <summary>
/// One connection as the layers above see it: no frame from a peer whose certificate was refused (the connection ends
/// at its first one), and the connection's role forgotten exactly once when it ends, whichever side ends it, so that
/// <see cref="PeerRoles"/> holds the connections that exist.
/// </summary>
internal sealed class PeerCertificateHandle(AssociationHandle inner, bool inbound, PeerRoles roles) : WrappingAssociationHandle(inner)
{
    private readonly bool _inbound = inbound;
    private readonly PeerRoles _roles = roles;
    private int _forgotten;

    [Obsolete("Use Disassociate(reason, log), as Akka's own handles ask")]
    public override void Disassociate()
    {
        Forget();
        Inner.Disassociate();
    }

    protected override IHandleEventListener Intercept(IHandleEventListener upstream) => new Watch(this, upstream);

    private void Forget()
    {
        if (Interlocked.Exchange(ref _forgotten, 1) == 0) _roles.Forget(RemoteAddress, _inbound);
    }

    /// <summary>Sees the connection's events before the layer above; called by the transport one event at a time.</summary>
    private sealed class Watch(PeerCertificateHandle handle, IHandleEventListener upstream) : IHandleEventListener
    {
        public void Notify(IHandleEvent ev)
        {
            if (ev is InboundPayload && !handle._inbound && handle._roles.IsRefusedOutbound(handle.RemoteAddress))
            {
                // The validator refused this peer's certificate and logged why; nothing it sends counts.
#pragma warning disable CS0618 // the reasoned overload only adds a debug line
                handle.Disassociate();
#pragma warning restore CS0618
                return;
            }

            // Forgotten after the layers above have seen the end, which they may still log with the role.
            upstream.Notify(ev);
            if (ev is Disassociated) handle.Forget();
        }
    }
}
