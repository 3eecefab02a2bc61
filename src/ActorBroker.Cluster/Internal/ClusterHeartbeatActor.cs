using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Remote;
using ActorBroker.Remote.FailureDetection;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// Heartbeats between members, at <c>/system/cluster-heartbeat</c>. Answers every heartbeat it gets, sends one
/// each heartbeat-interval to the members it monitors (its next neighbours on a ring ordered by address, so
/// every member is watched by several others), and reports the phi-accrual verdicts to the core daemon.
/// </summary>
internal sealed class ClusterHeartbeatActor : ReceiveActor, IWithTimers
{
    private readonly Cluster _cluster;
    private readonly UniqueAddress _self;
    private readonly FailureDetectorRegistry<UniqueAddress> _detectors;
    private readonly FailureDetectorSettings _settings;
    private List<UniqueAddress> _monitored = [];
    private IActorRef? _core;

    public ClusterHeartbeatActor(Cluster cluster)
    {
        _cluster = cluster;
        _self = cluster.SelfUniqueAddress;
        _settings = cluster.Settings.FailureDetector;
        _detectors = new FailureDetectorRegistry<UniqueAddress>(_settings.CreateDetector);
        Receive<ClusterHeartbeat>(_ => Sender.Tell(new ClusterHeartbeatResponse(_self), Self));
        Receive<ClusterHeartbeatResponse>(r =>
        {
            if (_monitored.Contains(r.From)) _detectors.HeartBeat(r.From);
        });
        Receive<Start>(s =>
        {
            _core = s.Core;
            Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, _settings.HeartbeatInterval);
            Timers.StartPeriodicTimer(Reap.Instance, Reap.Instance, cluster.Settings.UnreachableNodesReaperInterval);
        });
        Receive<MembersChanged>(m => OnMembersChanged(m.Members));
        Receive<Tick>(_ => SendHeartbeats());
        Receive<Reap>(_ => ReportReachability());
        Receive<ExpectFirstHeartbeat>(e =>
        {
            if (_monitored.Contains(e.Node) && !_detectors.IsMonitoring(e.Node)) _detectors.HeartBeat(e.Node);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>This node became a member: start heartbeating and report to <paramref name="Core"/>.</summary>
    public sealed record Start(IActorRef Core);

    public sealed record MembersChanged(ImmutableSortedSet<Member> Members);

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    private sealed record Reap
    {
        public static readonly Reap Instance = new();
    }

    /// <summary>If no answer came within expected-response-after, start the detector anyway so silence counts.</summary>
    private sealed record ExpectFirstHeartbeat(UniqueAddress Node);

    private void OnMembersChanged(ImmutableSortedSet<Member> members)
    {
        var next = Ring(members);
        foreach (var gone in _monitored.Except(next)) _detectors.Remove(gone);
        foreach (var added in next.Except(_monitored))
        {
            Heartbeat(added);
            Timers.StartSingleTimer(("first", added), new ExpectFirstHeartbeat(added), _settings.ExpectedResponseAfter);
        }

        _monitored = next;
    }

    /// <summary>The next monitored-by-nr-of-members members after this one on the ring ordered by address.</summary>
    private List<UniqueAddress> Ring(ImmutableSortedSet<Member> members)
    {
        var nodes = members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed)).Select(m => m.UniqueAddress).ToList();
        if (!nodes.Contains(_self)) nodes.Add(_self);
        nodes.Sort();
        var start = nodes.IndexOf(_self);
        var count = Math.Min(_cluster.Settings.MonitoredByNrOfMembers, nodes.Count - 1);
        var result = new List<UniqueAddress>(count);
        for (var i = 1; i <= count; i++) result.Add(nodes[(start + i) % nodes.Count]);
        return result;
    }

    private void SendHeartbeats()
    {
        foreach (var node in _monitored) Heartbeat(node);
    }

    private void Heartbeat(UniqueAddress node) =>
        _cluster.Provider.ResolveActorRef(ActorPath.Root(node.Address).Child("system").Child(Cluster.HeartbeatName))
            .Tell(new ClusterHeartbeat(_self), Self);

    private void ReportReachability()
    {
        if (_core is null || _monitored.Count == 0) return;
        var available = new List<UniqueAddress>();
        var unavailable = new List<UniqueAddress>();
        foreach (var node in _monitored)
        {
            if (!_detectors.IsMonitoring(node)) continue;
            (_detectors.IsAvailable(node) ? available : unavailable).Add(node);
        }

        _core.Tell(new ClusterCoreDaemon.ReachabilityReport(available, unavailable));
    }
}
