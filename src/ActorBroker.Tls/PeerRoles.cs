using System.Collections.Concurrent;
using System.Net;
using Akka.Actor;
using Akka.Actor.Setup;

namespace ActorBroker.Tls;

/// <summary>
/// The identity (role and principal) of the certificate each TLS peer presented, by connection, and which client
/// actor systems are bound to which client certificate (<see cref="BindClient"/>). Akka.Remote checks a peer's
/// certificate in the TLS handshake but does not tell the layers above which certificate a connection carries; the
/// validator (<see cref="CaTrust"/>) records it here, keyed as Akka.Remote names the connection (the peer's socket
/// address for inbound connections, the dialled address for outbound ones), and the cluster port's transport adapter
/// looks it up when the connection's first frame arrives, after the handshake. Carried to the adapter as an actor
/// system <see cref="Setup"/>; a system without one (TLS off) has no roles to tell.
/// </summary>
public sealed class PeerRoles : Setup
{
    private readonly ConcurrentDictionary<IPEndPoint, PeerIdentity> _inbound = new();
    // Outbound connections by the text Akka.Remote gives the validator, the dialled address's ToString().
    private readonly ConcurrentDictionary<string, PeerIdentity> _outbound = new();
    private readonly Dictionary<Address, (string Principal, int Connections)> _clients = new();
    private readonly ConcurrentDictionary<string, byte> _refusedOutbound = new();

    /// <summary>The roles <paramref name="system"/> was set up with (TLS on), or null.</summary>
    public static PeerRoles? Of(ActorSystem system) => system.Settings.Setup.Get<PeerRoles>() is { HasValue: true } roles ? roles.Value : null;

    /// <summary>
    /// Whether the system's transport has <see cref="Adapters.PeerCertificateTransport"/>, which closes connections to
    /// peers whose certificates were refused; set by the adapter when Akka.Remote creates it.
    /// </summary>
    internal bool ClosesRefusedPeers { get; set; }

    /// <summary>Connections whose role is known and not yet forgotten (for tests and diagnostics).</summary>
    public int Count => _inbound.Count + _outbound.Count + _refusedOutbound.Count;

    /// <summary>
    /// Records what Akka.Remote's validator was given: <paramref name="remotePeer"/> is the peer's socket address
    /// (<c>127.0.0.1:40312</c>, <c>[::ffff:127.0.0.1]:40312</c>) when the peer connected to us, and the transport's
    /// address we dialled (<c>ssl.tcp://broker@host:2552</c>) when we connected to it.
    /// </summary>
    public void Record(string remotePeer, PeerIdentity identity)
    {
        if (IPEndPoint.TryParse(remotePeer, out var endpoint)) _inbound[Normal(endpoint)] = identity;
        else if (IsDialledAddress(remotePeer)) _outbound[remotePeer] = identity;
    }

    /// <summary>
    /// Records that the peer this system dialled at <paramref name="remotePeer"/> presented a certificate it refuses;
    /// false when <paramref name="remotePeer"/> names no dialled address (the peer connected to us). See
    /// <see cref="CaTrust.Validator"/> for why an outbound refusal is not a failed handshake.
    /// </summary>
    public bool RecordRefusedOutbound(string remotePeer)
    {
        // Without the adapter nothing would close the connection: the handshake must fail, whatever Akka does then.
        if (!ClosesRefusedPeers || IPEndPoint.TryParse(remotePeer, out _) || !IsDialledAddress(remotePeer)) return false;
        _refusedOutbound[remotePeer] = 0;
        _outbound.TryRemove(remotePeer, out _);
        return true;
    }

    /// <summary>Whether the peer dialled at <paramref name="remote"/> presented a certificate this system refuses.</summary>
    public bool IsRefusedOutbound(Address remote) => _refusedOutbound.ContainsKey(remote.ToString());

    /// <summary>The identity of the peer that connected from <paramref name="remote"/>, as the inbound handle names it.</summary>
    public PeerIdentity? Inbound(Address remote) =>
        EndpointOf(remote) is { } endpoint && _inbound.TryGetValue(endpoint, out var identity) ? identity : null;

    /// <summary>The identity of the peer this system dialled at <paramref name="remote"/>.</summary>
    public PeerIdentity? Outbound(Address remote) => _outbound.TryGetValue(remote.ToString(), out var identity) ? identity : null;

    /// <summary>
    /// Ties a client's actor system (the origin its Akka handshake gave) to the principal of the certificate its
    /// connection carries, for as long as one such connection lasts; false when another certificate holds that origin.
    /// A node learns whom a request came from by its sender's address (<see cref="ClientPrincipal"/>).
    /// </summary>
    public bool BindClient(Address origin, string principal)
    {
        lock (_clients)
        {
            if (_clients.TryGetValue(origin, out var bound) && bound.Principal != principal) return false;
            _clients[origin] = (principal, bound.Connections + 1);
            return true;
        }
    }

    /// <summary>One connection of a bound client ended; the origin is free once none is left.</summary>
    public void UnbindClient(Address origin)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue(origin, out var bound)) return;
            if (bound.Connections <= 1) _clients.Remove(origin);
            else _clients[origin] = (bound.Principal, bound.Connections - 1);
        }
    }

    /// <summary>The principal of the client certificate whose connection gave <paramref name="system"/> as its origin, or null.</summary>
    public string? ClientPrincipal(Address system)
    {
        lock (_clients) return _clients.TryGetValue(system, out var bound) ? bound.Principal : null;
    }

    /// <summary>Drops a connection that ended, so that entries live as long as their connections.</summary>
    public void Forget(Address remote, bool inbound)
    {
        if (!inbound)
        {
            _outbound.TryRemove(remote.ToString(), out _);
            _refusedOutbound.TryRemove(remote.ToString(), out _);
        }
        else if (EndpointOf(remote) is { } endpoint) _inbound.TryRemove(endpoint, out _);
    }

    private static bool IsDialledAddress(string remotePeer) => remotePeer.Contains("://", StringComparison.Ordinal);

    private static IPEndPoint? EndpointOf(Address remote)
    {
        // Akka writes IPv6 hosts in brackets.
        var host = remote.Host?.Trim('[', ']');
        return host is not null && remote.Port is { } port && IPAddress.TryParse(host, out var ip) ? Normal(new IPEndPoint(ip, port)) : null;
    }

    private static IPEndPoint Normal(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;
}
