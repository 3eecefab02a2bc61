using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// The receptionist at <c>/system/receptionist</c> on each member: the entry point of <see cref="ClusterClient"/>s.
/// It answers GetContacts with the receptionists of Up members and heartbeats, and routes <c>Send</c> and
/// <c>SendToAll</c> to registered services, keeping the client's sender so replies go straight back to it.
/// <para>
/// Every receptionist knows every node's services: it sends the list of its local service paths to the other
/// receptionists whenever it changes and every gossip-interval (deliveries are at most once; the periodic copy
/// repairs a lost one). A message for a service on another node is sent directly to that service, so it takes
/// one extra hop at most. Peers that are unreachable are skipped; removed or downed ones are forgotten.
/// </para>
/// </summary>
internal sealed class ClusterReceptionist : ReceiveActor, IWithTimers
{
    private readonly Cluster _cluster;
    private readonly ClusterReceptionistSettings _settings;
    private readonly ServiceRegistry _registry;
    private readonly ILogger _log;
    private readonly SortedSet<Address> _members = new(Comparer<Address>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString())));
    private readonly HashSet<Address> _unreachable = [];
    private readonly Random _random = new();

    public ClusterReceptionist(Cluster cluster, ClusterReceptionistSettings settings)
    {
        _cluster = cluster;
        _settings = settings;
        _log = Context.GetLogger();
        var provider = cluster.Provider;
        _registry = new ServiceRegistry(cluster.SelfAddress, (peer, path) => provider.ResolveActorRef(ActorPath.Parse(peer + path)));

        Receive<RegisterService>(r => OnRegister(r.Service));
        Receive<UnregisterService>(u => OnUnregister(u.Service, "unregistered"));
        Receive<Terminated>(t => OnUnregister(t.ActorRef, "stopped"));
        Receive<GetServices>(_ => Sender.Tell(new Services(_registry.RoutableInstances()), Self));
        Receive<ClusterClient.Send>(s => Route(s.Path, s.Message, s.LocalAffinity));
        Receive<ClusterClient.SendToAll>(s => RouteToAll(s.Path, s.Message));
        Receive<GetContacts>(_ => OnGetContacts());
        Receive<ClientHeartbeat>(_ => Sender.Tell(ClientHeartbeatResponse.Instance, Self));
        Receive<ServicesSnapshot>(OnSnapshot);
        Receive<GossipTick>(_ => SendSnapshotToAll());
        Receive<CurrentClusterState>(OnState);
        Receive<MemberUp>(m => OnMemberUp(m.Member));
        Receive<MemberDowned>(m => OnMemberGone(m.Member.Address));
        Receive<MemberRemoved>(m => OnMemberGone(m.Member.Address));
        Receive<UnreachableMember>(m => SetReachable(m.Member.Address, false));
        Receive<ReachableMember>(m => SetReachable(m.Member.Address, true));
        Receive<IClusterDomainEvent>(_ => { });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Cluster cluster, ClusterReceptionistSettings settings) =>
        Actors.Props.Create(() => new ClusterReceptionist(cluster, settings));

    /// <summary>Makes <paramref name="Service"/> reachable by clients under its path without address.</summary>
    public sealed record RegisterService(IActorRef Service);

    public sealed record UnregisterService(IActorRef Service);

    /// <summary>Asks which service instances this receptionist routes to now; answered with <see cref="Services"/>.</summary>
    public sealed record GetServices
    {
        public static readonly GetServices Instance = new();
    }

    /// <summary>Full paths of the instances routed to, local and on reachable peers, sorted.</summary>
    public sealed record Services(IReadOnlyList<string> Instances);

    private sealed record GossipTick
    {
        public static readonly GossipTick Instance = new();
    }

    protected override void PreStart()
    {
        _cluster.Subscribe(Self, InitialStateMode.AsSnapshot, typeof(MemberEvent), typeof(UnreachableMember), typeof(ReachableMember));
        Timers.StartPeriodicTimer(GossipTick.Instance, GossipTick.Instance, _settings.GossipInterval);
    }

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private bool SelfUp => _members.Contains(_cluster.SelfAddress);

    private void OnRegister(IActorRef service)
    {
        if (!service.Path.Address.Equals(_cluster.SelfAddress) && service.Path.Address.HasGlobalScope)
        {
            _log.LogWarning("Not registering {Service}: only actors of this node can be registered with its receptionist", service.Path);
            return;
        }

        Context.Watch(service);
        if (!_registry.Register(service)) return;
        _log.LogInformation("Service {Path} registered with the cluster client receptionist", ServiceRegistry.KeyOf(service));
        SendSnapshotToAll();
    }

    private void OnUnregister(IActorRef service, string why)
    {
        if (!_registry.Unregister(service)) return;
        Context.Unwatch(service);
        _log.LogInformation("Service {Path} {Why}: no longer offered to cluster clients", ServiceRegistry.KeyOf(service), why);
        SendSnapshotToAll();
    }

    private void Route(string path, object message, bool localAffinity)
    {
        if (_registry.SelectOne(path, localAffinity, _random) is { } target) target.Tell(message, Sender);
        else NoService(path, message);
    }

    private void RouteToAll(string path, object message)
    {
        var targets = _registry.SelectAll(path);
        if (targets.Count == 0) NoService(path, message);
        foreach (var target in targets) target.Tell(message, Sender);
    }

    private void NoService(string path, object message) =>
        ((ActorSystemImpl)Context.System).DeadLetterRef.Tell(message, Sender, Self, $"no cluster client service is registered at {path} on any reachable member");

    private void OnGetContacts()
    {
        // A node that is not Up yet cannot route to its peers; staying silent makes the client try another contact.
        if (!SelfUp) return;
        var candidates = _members.Where(a => !_unreachable.Contains(a)).ToList();
        if (candidates.Count == 0) return;
        // Start at a place that depends on the client, so clients spread over the receptionists.
        var start = (int)((uint)StringComparer.Ordinal.GetHashCode(Sender.Path.Address.ToString()) % (uint)candidates.Count);
        var contacts = Enumerable.Range(0, Math.Min(_settings.NumberOfContacts, candidates.Count))
            .Select(i => ReceptionistPath(candidates[(start + i) % candidates.Count]))
            .ToList();
        Sender.Tell(new Contacts(contacts), Self);
    }

    private string ReceptionistPath(Address node) => ActorPath.Root(node).Child("system").Child(_settings.Name).ToString();

    private void OnSnapshot(ServicesSnapshot snapshot)
    {
        var peer = Sender.Path.Address;
        // A late snapshot from a member already removed must not bring its services back.
        if (peer.Equals(_cluster.SelfAddress) || !_members.Contains(peer)) return;
        _registry.SetPeer(peer, snapshot.ServicePaths);
    }

    private void OnState(CurrentClusterState state)
    {
        foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up)) OnMemberUp(member);
        foreach (var member in state.Unreachable) SetReachable(member.Address, false);
    }

    private void OnMemberUp(Member member)
    {
        if (_settings.Role is { } role && !member.HasRole(role)) return;
        if (!_members.Add(member.Address) || member.Address.Equals(_cluster.SelfAddress)) return;
        SendSnapshot(member.Address);
    }

    private void OnMemberGone(Address address)
    {
        if (!_members.Remove(address)) return;
        _unreachable.Remove(address);
        _registry.RemovePeer(address);
        _log.LogDebug("Receptionist on {Address} forgotten: the member is down or removed", address);
    }

    private void SetReachable(Address address, bool reachable)
    {
        if (reachable) _unreachable.Remove(address);
        else _unreachable.Add(address);
        _registry.SetReachable(address, reachable);
    }

    private void SendSnapshotToAll()
    {
        foreach (var member in _members)
        {
            if (!member.Equals(_cluster.SelfAddress)) SendSnapshot(member);
        }
    }

    private void SendSnapshot(Address peer) =>
        _cluster.Provider.ResolveActorRef(ActorPath.Parse(ReceptionistPath(peer))).Tell(new ServicesSnapshot(_registry.LocalPaths), Self);
}
