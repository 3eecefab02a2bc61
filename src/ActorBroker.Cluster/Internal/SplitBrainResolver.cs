using ActorBroker.Actors;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// Downs unreachable members, at <c>/system/cluster-downing</c>. It acts only on the node that leads its side
/// (the lowest address among the members it can reach), only after the membership and reachability have been
/// unchanged for stable-after, and then applies the configured strategy: the side that may go on downs the
/// others, the side that may not downs itself, so both halves of a partition never carry on.
/// </summary>
internal sealed class SplitBrainResolver : ReceiveActor, IWithTimers
{
    private readonly Cluster _cluster;
    private readonly SplitBrainResolverSettings _settings;
    private readonly ILogger _log;
    private string _lastSignature = "";
    private long _stableSince = Environment.TickCount64;
    private long? _unstableSince;

    public SplitBrainResolver(Cluster cluster)
    {
        _cluster = cluster;
        _settings = cluster.Settings.SplitBrainResolver;
        _log = cluster.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.SplitBrainResolver");
        Receive<Tick>(_ => OnTick());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    protected override void PreStart()
    {
        if (_settings.ActiveStrategy == "off") return;
        // Check often relative to stable-after, so the decision comes soon after the situation settles.
        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, _settings.StableAfter.Ticks / 10));
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, interval);
    }

    private void OnTick()
    {
        var state = _cluster.State;
        var self = _cluster.SelfUniqueAddress;
        var now = Environment.TickCount64;
        var signature = Signature(state);
        if (signature != _lastSignature)
        {
            _lastSignature = signature;
            _stableSince = now;
        }

        var unreachable = state.Unreachable.Where(m => m.Status != MemberStatus.Down).Select(m => m.UniqueAddress).ToHashSet();
        if (unreachable.Count == 0)
        {
            _unstableSince = null;
            return;
        }

        _unstableSince ??= now;
        var members = state.Members.Where(m => m.Status != MemberStatus.Removed).ToList();
        if (!IsLeaderOfMySide(members, unreachable, self)) return;

        DowningDecision decision;
        if (now - _stableSince >= (long)_settings.StableAfter.TotalMilliseconds)
        {
            decision = _settings.ActiveStrategy == "static-quorum"
                ? SplitBrainStrategies.StaticQuorum(members, unreachable, _settings.QuorumSize, _settings.Role)
                : SplitBrainStrategies.KeepMajority(members, unreachable, _settings.Role);
        }
        else if (_settings.DownAllWhenUnstable is { } limit && now - _unstableSince >= (long)(_settings.StableAfter + limit).TotalMilliseconds)
        {
            decision = DowningDecision.DownAll;
        }
        else
        {
            return;
        }

        if (decision == DowningDecision.None) return;
        var toDown = SplitBrainStrategies.NodesToDown(decision, members, unreachable);
        _log.LogWarning("Split brain resolver ({Strategy}) decided {Decision} with {Reachable} reachable and {Unreachable} unreachable members; downing [{Nodes}]",
            _settings.ActiveStrategy, decision, members.Count - unreachable.Count, unreachable.Count, string.Join(", ", toDown.Select(n => n.Address)));
        // Down the others first: downing this node shuts it down, and the others must be marked before that.
        foreach (var node in toDown.OrderBy(n => n.Equals(self)))
            _cluster.Down(node.Address);
        _stableSince = now;
    }

    private static bool IsLeaderOfMySide(List<Member> members, HashSet<UniqueAddress> unreachable, UniqueAddress self)
    {
        var first = members
            .Where(m => m.Status != MemberStatus.Down && !unreachable.Contains(m.UniqueAddress))
            .Select(m => m.UniqueAddress)
            .Order()
            .FirstOrDefault();
        return self.Equals(first);
    }

    private static string Signature(CurrentClusterState state) =>
        string.Join(";", state.Members.Select(m => $"{m.UniqueAddress}:{m.Status}")) + "|" +
        string.Join(";", state.Unreachable.Select(m => m.UniqueAddress.ToString()).Order(StringComparer.Ordinal));
}
