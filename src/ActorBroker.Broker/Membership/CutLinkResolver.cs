using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorBroker.Broker.Membership;

/// <summary>
/// Downs the fewest members when members cannot reach each other while this node, the cluster's leader, reaches them
/// all: a cut link, not a partition. Akka's split-brain resolver downs every member on such a cut ("indirectly
/// connected"): two of three nodes for one cut link, with every partition they lead moving twice. This actor acts
/// before the resolver's stable-after: once the unreachable members have stayed the same for half of it, it asks each
/// member whom its own failure detector misses, and downs a minimum cover of the cuts, keeping the older members
/// (<see cref="CutCover"/>). Once a cover member is removed its cuts go with it and the others are reachable again, so
/// the resolver finds nothing left to decide. Whenever this node misses an unreachable member itself (a crash, a
/// pause, a partition) or a member does not answer, the decision stays the resolver's. Every node runs one: it
/// answers the leader's <see cref="LinkViewRequest"/>, and acts while it is the leader.
/// </summary>
internal sealed class CutLinkResolver : ReceiveActor, IWithTimers
{
    public const string Name = "cut-link-resolver";
    private readonly Cluster _cluster;
    private readonly TimeSpan _decideAfter;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private ImmutableHashSet<UniqueAddress> _unreachable = [];
    private long _stableSince = Stopwatch.GetTimestamp();
    private bool _settled; // the current unreachable set was decided on, or left to the resolver
    private bool _asking;

    public CutLinkResolver(TimeSpan decideAfter)
    {
        _cluster = Cluster.Get(Context.System);
        _decideAfter = decideAfter;
        Receive<LinkViewRequest>(_ => Sender.Tell(new LinkView(_cluster.SelfAddress.ToString(), [.. MissedByMe().Select(a => a.ToString())])));
        Receive<Tick>(_ => OnTick());
        Receive<Views>(OnViews);
        Receive<Status.Failure>(f =>
        {
            _asking = false;
            _stableSince = Stopwatch.GetTimestamp(); // ask again after another wait, unless the resolver decides first
            _log.Info("A member did not say whom it misses ({Reason}); the cut is left to the split-brain resolver for now", f.Cause.Message);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="decideAfter">How long the unreachable members must stay the same: below the resolver's stable-after.</param>
    public static Props Props(TimeSpan decideAfter) => Akka.Actor.Props.Create(() => new CutLinkResolver(decideAfter));

    protected override void PreStart()
    {
        var tick = TimeSpan.FromTicks(Math.Max(_decideAfter.Ticks / 5, TimeSpan.FromMilliseconds(20).Ticks));
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, tick);
    }

    /// <summary>The members this node's own failure detector misses (the cluster's "unreachable" merges every node's).</summary>
    private IEnumerable<Address> MissedByMe() =>
        _cluster.State.Members.Select(m => m.Address)
            .Where(a => !a.Equals(_cluster.SelfAddress) && _cluster.FailureDetector.IsMonitoring(a) && !_cluster.FailureDetector.IsAvailable(a));

    private void OnTick()
    {
        var state = _cluster.State;
        var unreachable = state.Unreachable.Where(m => m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Joining or MemberStatus.Leaving)
            .Select(m => m.UniqueAddress).ToImmutableHashSet();
        if (!unreachable.SetEquals(_unreachable))
        {
            (_unreachable, _stableSince, _settled) = (unreachable, Stopwatch.GetTimestamp(), false);
            return;
        }

        if (unreachable.IsEmpty || _settled || _asking || !_cluster.SelfAddress.Equals(state.Leader)) return;
        if (Stopwatch.GetElapsedTime(_stableSince) < _decideAfter) return;
        if (unreachable.Any(u => !_cluster.FailureDetector.IsMonitoring(u.Address) || !_cluster.FailureDetector.IsAvailable(u.Address)))
        {
            _settled = true; // this node misses one of them too: not a cut between others, the resolver's case
            return;
        }

        _asking = true;
        var asked = state.Members.Where(m => !m.Address.Equals(_cluster.SelfAddress) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp or MemberStatus.Leaving)
            .Select(m => Context.ActorSelection(new RootActorPath(m.Address) / "user" / Name).Ask<LinkView>(LinkViewRequest.Instance, _decideAfter));
        var snapshot = unreachable;
        Task.WhenAll(asked).PipeTo(Self, success: views => new Views(snapshot, views));
    }

    private void OnViews(Views answer)
    {
        _asking = false;
        if (!answer.Unreachable.SetEquals(_unreachable) || _settled) return; // things moved on while asking
        var state = _cluster.State;
        var members = state.Members.Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed)).ToList();
        var byAddress = members.ToDictionary(m => m.Address.ToString(), m => m.Address);
        var cuts = answer.Of
            .SelectMany(v => v.Unreachable.Where(byAddress.ContainsKey).Select(subject => (v.Observer, Subject: subject)))
            .Where(c => byAddress.ContainsKey(c.Observer))
            .Select(c => (byAddress[c.Observer], byAddress[c.Subject]))
            .ToList();
        var oldestFirst = members.OrderBy(m => m, Member.AgeOrdering).Select(m => m.Address).ToList();
        var toDown = CutCover.MembersToDown(cuts, oldestFirst);
        if (toDown.Count == 0)
        {
            _stableSince = Stopwatch.GetTimestamp(); // no member says it misses another any more: look again later
            return;
        }

        _settled = true;
        _log.Warning("Members cannot reach each other ({Cuts}) while this node, the leader, reaches them all: downing [{Down}], " +
                     "the fewest members that leave no cut, keeping the older ones; the split-brain resolver would down every member with a cut",
            string.Join(", ", cuts.Select(c => $"{c.Item1} x {c.Item2}")), string.Join(", ", toDown));
        foreach (var address in toDown) _cluster.Down(address);
    }

    private sealed record Views(ImmutableHashSet<UniqueAddress> Unreachable, LinkView[] Of);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
