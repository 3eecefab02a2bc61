using ActorBroker.Broker.Internal;
using ActorBroker.Protocol.Serialization.Wire;
using ActorBroker.Tls;
using ActorBroker.Tls.Adapters;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// One connection as the layers above see it, screened by its peer's role. The role is looked up at the first frame,
/// which comes after the TLS handshake that recorded it; a connection whose role is unknown then is screened as a
/// client's (fail closed). A client's frames go through <see cref="ClientFrames"/>: a refused frame is dropped with a
/// throttled warning, and a refused handshake ends the connection. Beneath it, <see cref="PeerCertificateHandle"/>
/// keeps the roles in step with the connections.
/// </summary>
internal sealed class ClientScreenedHandle(AssociationHandle inner, bool inbound, PeerRoles roles, string clusterSystemName, ClientRefusalLogs refusals)
    : WrappingAssociationHandle(inner)
{
    private readonly bool _inbound = inbound;
    private readonly PeerRoles _roles = roles;
    private readonly string _clusterSystemName = clusterSystemName;
    private readonly ClientRefusalLogs _refusals = refusals;

    protected override IHandleEventListener Intercept(IHandleEventListener upstream) => new Screen(this, upstream);

    private string Peer => $"{(_inbound ? "from" : "to")} {RemoteAddress.Host}:{RemoteAddress.Port}";

    /// <summary>Sees the connection's events before the layer above; called by the transport one event at a time.</summary>
    private sealed class Screen(ClientScreenedHandle handle, IHandleEventListener upstream) : IHandleEventListener
    {
        private static readonly PeerIdentity Unknown = new(PeerRole.Client, Routing.FrontAuthorizer.Anonymous);
        private PeerIdentity? _identity;
        private ClientFrames? _clientFrames;
        private Akka.Actor.Address? _bound;

        public void Notify(IHandleEvent ev)
        {
            if (ev is Disassociated && _bound is { } bound)
            {
                _bound = null;
                handle._roles.UnbindClient(bound);
            }

            if (ev is InboundPayload payload && Client() is { } frames)
            {
                var refusal = frames.Refusal(payload.Payload.Span, out var close);
                if (refusal is null && _bound is null && frames.Origin is { } origin)
                {
                    // The handshake passed: requests from this origin now count as this certificate's.
                    if (handle._roles.BindClient(origin, _identity!.Principal)) _bound = origin;
                    else (refusal, close) = ($"a handshake from {origin}, which another client certificate's connection holds", true);
                }

                if (refusal is not null)
                {
                    Refuse(frames, refusal, close);
                    return;
                }
            }

            upstream.Notify(ev);
        }

        private void Refuse(ClientFrames frames, string refusal, bool close)
        {
            var who = frames.Origin is { } origin ? $"{handle.Peer} ({origin}, {_identity!.Principal})" : $"{handle.Peer} ({_identity!.Principal})";
            var log = close ? handle._refusals.Handshakes : handle._refusals.Frames;
            log.Warning($"Cluster port: refused {refusal} from the client certificate connection {who}{(close ? "; closed it" : "")}",
                close ? "connections of client certificates closed" : "frames refused from client certificates");
            if (!close) return;
#pragma warning disable CS0618 // the reasoned overload only adds a debug line, and this one is logged above
            handle.Disassociate();
#pragma warning restore CS0618
        }

        private ClientFrames? Client()
        {
            if (_identity is not null) return _clientFrames;
            _identity = (handle._inbound ? handle._roles.Inbound(handle.RemoteAddress) : handle._roles.Outbound(handle.RemoteAddress)) ?? Unknown;
            if (_identity.Role is PeerRole.Node) return null;
            if (ReferenceEquals(_identity, Unknown))
                handle._refusals.Frames.Warning($"Cluster port: no certificate was recorded for the connection {handle.Peer}; it is held to a client's rules",
                    "connections without a recorded certificate");
            return _clientFrames = new ClientFrames(handle._clusterSystemName);
        }
    }
}
