using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// The node's TCP endpoint: the listening socket, one <see cref="Association"/> per remote address for sending,
/// the accepted connections for receiving, and the incarnation bookkeeping (which uid each address has, which
/// incarnations are quarantined).
/// </summary>
internal sealed class RemoteTransport
{
    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<InboundConnection, byte> _inbound = new();
    private readonly ConcurrentDictionary<Address, long> _knownUids = new();
    private readonly ConcurrentDictionary<UniqueAddress, long> _quarantinedUntil = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private volatile bool _stopped;
    // Lets IsQuarantined, asked for every inbound frame, skip hashing the address until the first quarantine.
    private volatile bool _anyQuarantined;
    private volatile bool _aborted;

    public RemoteTransport(RemoteActorRefProvider provider, RemoteSettings settings, ILogger log)
    {
        Provider = provider;
        Settings = settings;
        Log = log;
        _listener = CreateSocket();
        var bindAddress = ResolveBindAddress(settings.Hostname);
        try
        {
            _listener.Bind(new IPEndPoint(bindAddress, settings.Port));
            _listener.Listen(512);
        }
        catch (SocketException e)
        {
            _listener.Dispose();
            var hint = e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? "the port is already in use (another node running?); choose another actorbroker.remote.port"
                : e.Message;
            throw new RemoteTransportException($"Cannot listen on {settings.Hostname}:{settings.Port}: {hint}", e);
        }

        BoundPort = ((IPEndPoint)_listener.LocalEndPoint!).Port;
    }

    public RemoteActorRefProvider Provider { get; }

    public RemoteSettings Settings { get; }

    public ILogger Log { get; }

    public int BoundPort { get; }

    public UniqueAddress LocalAddress { get; private set; } = null!;

    public FaultInjector Faults { get; } = new();

    public SerializationRegistry Serialization => Provider.System.Serialization;

    public DeadLetterActorRef DeadLetters => Provider.SystemImpl.DeadLetterRef;

    /// <summary>Shutdown began: no new sends are accepted.</summary>
    public bool IsStopped => _stopped;

    /// <summary>The node was killed hard: nothing is flushed.</summary>
    public bool IsAborted => _aborted;

    /// <summary>Cancelled when the transport must stop waiting for anything (end of shutdown, or abort).</summary>
    public CancellationToken StoppingToken => _stopping.Token;

    public void Start(UniqueAddress localAddress)
    {
        LocalAddress = localAddress;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        Log.LogInformation("Remoting listening on {Endpoint} as {Address} (uid {Uid})", _listener.LocalEndPoint, localAddress.Address, localAddress.Uid);
    }

    public Association AssociationFor(Address remote) => _associations.GetOrAdd(remote, static (a, t) => new Association(t, a), this);

    public Socket CreateSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendBufferSize = Settings.SendBufferSize,
            ReceiveBufferSize = Settings.ReceiveBufferSize,
        };
        return socket;
    }

    /// <summary>Why a handshake must be refused, or null to accept it.</summary>
    public Handshake.Refused? CheckHandshake(Handshake.Request request)
    {
        if (request.Version != Handshake.ProtocolVersion)
            return new($"protocol version {request.Version} is not supported (this node speaks {Handshake.ProtocolVersion})", false);
        if (!request.To.Equals(LocalAddress.Address))
            return new($"this node is {LocalAddress.Address}, not {request.To}; use exactly the address the node is configured with", false);
        var remote = new UniqueAddress(request.From, request.FromUid);
        return OnAssociated(remote, inbound: true)
            ? null
            : new($"{remote} was quarantined by {LocalAddress}; restart that node to rejoin as a new incarnation", true);
    }

    /// <summary>
    /// Records which incarnation lives at an address. A different uid than before means the old incarnation is
    /// gone: it is quarantined and its actors' watchers get Terminated. False when this incarnation is quarantined.
    /// </summary>
    public bool OnAssociated(UniqueAddress remote, bool inbound)
    {
        if (IsQuarantined(remote)) return false;
        long previous = 0;
        _knownUids.AddOrUpdate(remote.Address, remote.Uid, (_, old) =>
        {
            previous = old;
            return remote.Uid;
        });
        if (previous != 0 && previous != remote.Uid)
            Quarantine(remote.Address, previous, $"a new incarnation (uid {remote.Uid}) {(inbound ? "connected" : "answered")} from the same address");
        return true;
    }

    /// <summary>The uid of the incarnation last seen at <paramref name="address"/>; null before any handshake.</summary>
    public long? KnownUid(Address address) => _knownUids.TryGetValue(address, out var uid) ? uid : null;

    public void OnRefused(Address remote, Handshake.Refused refused)
    {
        Log.LogError("{Remote} refused this node ({Local}): {Reason}", remote, LocalAddress, refused.Reason);
        if (refused.Quarantined) Provider.System.EventStream.Publish(new ThisActorSystemQuarantinedEvent(LocalAddress, remote));
    }

    public bool IsQuarantined(UniqueAddress node)
    {
        if (!_anyQuarantined) return false;
        if (!_quarantinedUntil.TryGetValue(node, out var until)) return false;
        if (Environment.TickCount64 < until) return true;
        _quarantinedUntil.TryRemove(node, out _);
        return false;
    }

    /// <summary>
    /// Refuses this incarnation of <paramref name="address"/> from now on (uid null = whichever one is known),
    /// closes its connections and tells watchers of its actors that they are gone.
    /// </summary>
    public void Quarantine(Address address, long? uid, string reason)
    {
        var target = uid ?? (_knownUids.TryGetValue(address, out var known) ? known : 0);
        if (target == 0)
        {
            Log.LogWarning("Cannot quarantine {Address} ({Reason}): its uid is not known yet", address, reason);
            return;
        }

        var node = new UniqueAddress(address, target);
        var until = Environment.TickCount64 + (long)Math.Min(Settings.QuarantineDuration.TotalMilliseconds, long.MaxValue / 4);
        _anyQuarantined = true;
        if (_quarantinedUntil.TryAdd(node, until))
        {
            Log.LogWarning("Quarantined {Node}: {Reason}", node, reason);
            if (_associations.TryGetValue(address, out var association) && association.RemoteUid == target) association.Reset();
            foreach (var connection in _inbound.Keys)
            {
                if (node.Equals(connection.Remote)) connection.Refuse($"{node} was quarantined by {LocalAddress}: {reason}");
            }

            Provider.System.EventStream.Publish(new QuarantinedEvent(node));
            Provider.PublishAddressTerminated(address);
        }
    }

    public void OnInboundClosed(InboundConnection connection) => _inbound.TryRemove(connection, out _);

    /// <summary>Stops accepting, sends what is queued (bounded by <paramref name="grace"/>), then closes everything.</summary>
    public async Task ShutdownAsync(TimeSpan grace)
    {
        if (_stopped) return;
        _stopped = true;
        _listener.Dispose();
        foreach (var association in _associations.Values) association.Complete();
        var drained = Task.WhenAll(_associations.Values.Select(a => a.Completion));
        await Task.WhenAny(drained, Task.Delay(grace)).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var association in _associations.Values) association.Abort();
        foreach (var connection in _inbound.Keys) connection.Abort();
        await Task.WhenAny(_acceptLoop, Task.Delay(grace)).ConfigureAwait(false);
        Log.LogDebug("Remoting on {Address} shut down", LocalAddress);
    }

    /// <summary>Kills the endpoint at once, as a crashed process would: no flush, connections reset.</summary>
    public void Abort()
    {
        _aborted = true;
        _stopped = true;
        _stopping.Cancel();
        _listener.Dispose();
        foreach (var association in _associations.Values) association.Abort();
        foreach (var connection in _inbound.Keys) connection.Abort();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopped)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (_stopped) return;
                Log.LogWarning("Accepting a connection failed: {Reason}", e.Message);
                continue;
            }

            socket.NoDelay = true;
            var connection = new InboundConnection(this, socket);
            _inbound[connection] = 0;
            _ = connection.RunAsync();
        }
    }

    internal static async Task<IPEndPoint> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var ip)) return new IPEndPoint(ip, port);
        var addresses = await Dns.GetHostAddressesAsync(host, AddressFamily.InterNetwork, cancellationToken).ConfigureAwait(false);
        return addresses.Length > 0
            ? new IPEndPoint(addresses[0], port)
            : throw new SocketException((int)SocketError.HostNotFound);
    }

    private static IPAddress ResolveBindAddress(string host)
    {
        if (IPAddress.TryParse(host, out var ip)) return ip;
        try
        {
            var addresses = Dns.GetHostAddresses(host, AddressFamily.InterNetwork);
            if (addresses.Length > 0) return addresses[0];
        }
        catch (SocketException)
        {
        }

        throw new RemoteTransportException($"Cannot listen on {host}: actorbroker.remote.hostname does not resolve to an IPv4 address");
    }
}
