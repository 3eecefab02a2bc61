using System.Collections.Concurrent;
using System.Security.Cryptography;
using ActorBroker.Actors;
using ActorBroker.Remote.Serialization;
using ActorBroker.Remote.Transport;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote;

/// <summary>
/// The provider behind <c>actorbroker.actor.provider = remote</c>: binds the TCP endpoint when the system is
/// created (so the address, including an ephemeral port, is known before the first actor), returns
/// <see cref="RemoteActorRef"/>s for paths on other nodes and drains the outbound queues on shutdown.
/// </summary>
public class RemoteActorRefProvider : ActorRefProvider
{
    private const string Protocol = "abroker.tcp";
    private const int RemoteRefCacheLimit = 10_000;
    private readonly ConcurrentDictionary<string, RemoteActorRef> _remoteRefs = new(StringComparer.Ordinal);
    private IActorRef? _remoteWatcher;

    public RemoteActorRefProvider(ActorSystem system)
    {
        SystemImpl = (ActorSystemImpl)system;
        RemoteSettings = RemoteSettings.FromConfig(system.Config);
        Log = system.LoggerFactory.CreateLogger("ActorBroker.Remote");
        Transport = new RemoteTransport(this, RemoteSettings, Log);
        var host = RemoteSettings.PublicHostname.Length > 0 ? RemoteSettings.PublicHostname : RemoteSettings.Hostname;
        var port = RemoteSettings.PublicPort > 0 ? RemoteSettings.PublicPort : Transport.BoundPort;
        DefaultAddress = new Address(Protocol, system.Name, host, port);
        LocalAddress = new UniqueAddress(DefaultAddress, NewUid());
    }

    public override Address DefaultAddress { get; }

    /// <summary>This incarnation: the address plus a random uid drawn at start.</summary>
    public UniqueAddress LocalAddress { get; }

    public RemoteSettings RemoteSettings { get; }

    /// <summary>Test hook: lose, drop or delay messages between this node and another.</summary>
    public FaultInjector FaultInjector => Transport.Faults;

    public ActorSystem System => SystemImpl;

    internal ActorSystemImpl SystemImpl { get; }

    internal RemoteTransport Transport { get; }

    internal ILogger Log { get; }

    internal IActorRef RemoteWatcher => _remoteWatcher ?? throw new InvalidOperationException("Remoting has not been initialized");

    public override void Init(ActorSystem system)
    {
        var misc = new MiscMessageSerializer(system);
        system.Serialization.AddSerializer(misc);
        foreach (var type in new[] { typeof(Identify), typeof(ActorIdentity), typeof(PoisonPill), typeof(Kill), typeof(Status.Success), typeof(Status.Failure), typeof(RemoteWatcher.Heartbeat), typeof(RemoteWatcher.HeartbeatResponse) })
            system.Serialization.Bind(type, MiscMessageSerializer.Id);
        _remoteWatcher = SystemImpl.SystemActorOf(Props.Create(() => new RemoteWatcher(this)), "remote-watcher");
        Transport.Start(LocalAddress);
    }

    public override Task ShutdownAsync() => Transport.ShutdownAsync(TimeSpan.FromSeconds(2));

    public override IActorRef ResolveActorRef(ActorPath path)
    {
        if (path.Address.Equals(DefaultAddress) || (path.Address.HasLocalScope && path.Address.System == SystemImpl.Name)) return ResolveLocal(path);
        if (!path.Address.HasGlobalScope) return SystemImpl.DeadLetters;
        var key = path.ToSerializationFormat();
        if (_remoteRefs.TryGetValue(key, out var cached)) return cached;
        if (_remoteRefs.Count >= RemoteRefCacheLimit) _remoteRefs.Clear();
        return _remoteRefs.GetOrAdd(key, static (_, arg) => new RemoteActorRef(arg.Provider, arg.Path), (Provider: this, Path: path));
    }

    public override void DeliverRemoteSelection(ActorPath anchor, IReadOnlyList<string> elements, object message, IActorRef? sender)
    {
        var root = (RemoteActorRef)ResolveActorRef(anchor);
        root.Association.Send(new OutboundEnvelope(root, new RemoteSelectionEnvelope(elements, message), sender));
    }

    /// <summary>
    /// Whether remote death watch must detect failures of <paramref name="address"/> itself. The cluster
    /// provider answers false for members, whose failures the cluster detects and reports.
    /// </summary>
    protected internal virtual bool HandlesFailureDetectionFor(Address address) => true;

    /// <summary>Tells every watcher of actors on <paramref name="address"/> that they are gone.</summary>
    public void PublishAddressTerminated(Address address) => SystemImpl.EventStream.Publish(new AddressTerminated(address));

    /// <summary>Refuses the given incarnation of a node from now on (null uid: the one currently known).</summary>
    public void Quarantine(Address address, long? uid, string reason) => Transport.Quarantine(address, uid, reason);

    /// <summary>Kills the endpoint at once, as a crash would (for fault-injection tests); the system should be terminated next.</summary>
    public void AbortTransport() => Transport.Abort();

    /// <summary>A local ref for a path of this node, or a dead-letter stand-in when nothing (or another incarnation) lives there.</summary>
    internal IInternalActorRef ResolveLocal(ActorPath path)
    {
        if (!path.Address.Equals(DefaultAddress) && !(path.Address.HasLocalScope && path.Address.System == SystemImpl.Name))
            return new EmptyLocalActorRef(SystemImpl, path);
        var found = SystemImpl.ResolveLocal(path.Elements);
        return found is null || (path.Uid != 0 && found.Path.Uid != path.Uid) ? new EmptyLocalActorRef(SystemImpl, path) : found;
    }

    private static long NewUid()
    {
        long uid;
        do
        {
            uid = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
        }
        while (uid == 0);
        return uid;
    }
}
