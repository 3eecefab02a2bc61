using ActorBroker.Actors;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// The membership state machine of one node, at <c>/system/cluster-core</c>: joins through the seed nodes,
/// exchanges gossip, applies failure-detector verdicts, acts as leader when it is one, and shuts the node's
/// cluster down when this node is downed or removed. Owns the only mutable <see cref="Gossip"/> of the node.
/// </summary>
internal sealed partial class ClusterCoreDaemon : ReceiveActor, IWithTimers
{
    private readonly Cluster _cluster;
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly ILogger _log;
    private readonly IActorRef _publisher;
    private readonly IActorRef _heartbeat;
    private Gossip _gossip = Gossip.Empty;
    private bool _isMember;
    private bool _shuttingDown;
    private bool _leaving;

    public ClusterCoreDaemon(Cluster cluster, IActorRef publisher, IActorRef heartbeat)
    {
        _cluster = cluster;
        _settings = cluster.Settings;
        _self = cluster.SelfUniqueAddress;
        _publisher = publisher;
        _heartbeat = heartbeat;
        _log = cluster.System.LoggerFactory.CreateLogger("ActorBroker.Cluster");
        ReceiveJoining();
        ReceiveGossip();
        ReceiveLeaderActions();
        Receive<Leave>(l => OnLeave(l.Address));
        Receive<Down>(d => OnDown(d.Address));
        Receive<ReachabilityReport>(OnReachabilityReport);
        Receive<ThisActorSystemQuarantinedEvent>(OnQuarantinedByOther);
        Receive<QuarantineRemovedMember>(q => _cluster.Provider.Quarantine(q.Node.Address, q.Node.Uid, "it was removed from the cluster"));
        Receive<ExitingTimeout>(_ => ShutdownSelf("it left the cluster (Exiting), and its removal was not confirmed in time"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The heartbeat actor's verdicts about the nodes this node monitors.</summary>
    public sealed record ReachabilityReport(IReadOnlyCollection<UniqueAddress> Available, IReadOnlyCollection<UniqueAddress> Unavailable);

    private sealed record ExitingTimeout
    {
        public static readonly ExitingTimeout Instance = new();
    }

    protected override void PreStart()
    {
        _cluster.System.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(Self);
        if (_settings.SeedNodes.Count > 0) StartSeedProcess(_settings.SeedNodes);
        else _log.LogInformation("No seed nodes configured for {Self}: waiting for Cluster.Join", _self.Address);
    }

    protected override void PostStop() => _cluster.System.EventStream.Unsubscribe(Self);

    private Member? SelfMember => _gossip.GetMember(_self);

    private void OnLeave(Address address)
    {
        var member = _gossip.GetMember(address);
        if (!_isMember || member is null || member.Status is not (MemberStatus.Joining or MemberStatus.Up)) return;
        _log.LogInformation("Marking {Member} as Leaving", member.Address);
        if (member.UniqueAddress.Equals(_self)) _leaving = true;
        Update(_gossip.UpdateMember(member.Copy(MemberStatus.Leaving)).Increment(_self));
    }

    private void OnDown(Address address)
    {
        var member = _gossip.GetMember(address);
        if (!_isMember || member is null || member.Status is MemberStatus.Down or MemberStatus.Removed) return;
        _log.LogWarning("Marking {Member} ({Status}) as Down", member.Address, member.Status);
        Update(_gossip.UpdateMember(member.Copy(MemberStatus.Down)).Increment(_self));
    }

    /// <summary>Records this node's own failure-detector view in the reachability table (only rows it observes).</summary>
    private void OnReachabilityReport(ReachabilityReport report)
    {
        if (!_isMember) return;
        var reachability = _gossip.Reachability;
        foreach (var node in report.Unavailable)
        {
            if (_gossip.HasMember(node) && reachability.IsReachable(_self, node))
            {
                _log.LogWarning("Marking {Node} as unreachable: its heartbeats stopped arriving", node.Address);
                reachability = reachability.Unreachable(_self, node);
            }
        }

        foreach (var node in report.Available)
        {
            if (_gossip.HasMember(node) && !reachability.IsReachable(_self, node) && reachability.Status(_self, node) == ReachabilityStatus.Unreachable)
            {
                _log.LogInformation("Marking {Node} as reachable again", node.Address);
                reachability = reachability.Reachable(_self, node);
            }
        }

        if (!ReferenceEquals(reachability, _gossip.Reachability)) Update(_gossip.WithReachability(reachability).Increment(_self));
    }

    private void OnQuarantinedByOther(ThisActorSystemQuarantinedEvent e)
    {
        if (_gossip.GetMember(e.Remote) is not null)
            ShutdownSelf($"member {e.Remote} quarantined this incarnation, so the others have removed it");
    }

    /// <summary>Adopts a new gossip: tells the publisher and the heartbeat, and reacts to this node's own fate.</summary>
    private void Update(Gossip newGossip)
    {
        var old = _gossip;
        _gossip = newGossip;
        _publisher.Tell(new ClusterEventPublisher.PublishChanges(newGossip));
        _heartbeat.Tell(new ClusterHeartbeatActor.MembersChanged(newGossip.Members));
        QuarantineRemoved(old, newGossip);
        if (SelfMember is { } self)
        {
            if (self.Status == MemberStatus.Down) ShutdownSelf("it was marked Down");
            else if (self.Status is MemberStatus.Leaving or MemberStatus.Exiting) _leaving = true;
            if (self.Status == MemberStatus.Exiting && !Timers.IsTimerActive(ExitingTimeout.Instance))
                Timers.StartSingleTimer(ExitingTimeout.Instance, ExitingTimeout.Instance, _settings.GossipInterval * 4);
        }
        else if (_isMember && old.HasMember(_self))
        {
            ShutdownSelf("it was removed from the cluster");
        }

        GossipToUnseen();
    }

    /// <summary>
    /// Watchers of a removed member's actors get Terminated now. The incarnation is quarantined (never talks to
    /// this node again) a little later, so the final gossip telling a leaving member it is out still reaches it.
    /// </summary>
    private void QuarantineRemoved(Gossip old, Gossip updated)
    {
        foreach (var member in old.Members)
        {
            if (member.UniqueAddress.Equals(_self) || updated.HasMember(member.UniqueAddress)) continue;
            _cluster.Provider.PublishAddressTerminated(member.Address);
            Timers.StartSingleTimer(("quarantine", member.UniqueAddress), new QuarantineRemovedMember(member.UniqueAddress), _settings.GossipInterval * 5);
        }
    }

    private sealed record QuarantineRemovedMember(UniqueAddress Node);

    private void ShutdownSelf(string reason)
    {
        if (_shuttingDown) return;
        _shuttingDown = true;
        Timers.CancelAll();
        // After a graceful leave this is the expected end; otherwise it is news for whoever runs the node.
        var level = _leaving ? LogLevel.Information : LogLevel.Warning;
        _log.Log(level, "Cluster node {Self} is shutting down: {Reason}", _self.Address, reason);
        _publisher.Tell(ClusterEventPublisher.SelfShuttingDown.Instance);
        Become(() => ReceiveAny(_ => { }));
        if (_settings.RunCoordinatedShutdownWhenDown)
        {
            _log.Log(level, "Terminating actor system {System} (actorbroker.cluster.run-coordinated-shutdown-when-down = on)", _cluster.System.Name);
            _ = _cluster.System.Terminate();
        }
    }
}
