using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// Turns each new gossip into membership events (by diffing it with the previous one) and publishes them on the
/// event stream, at <c>/system/cluster-publisher</c>. Subscriptions go through this actor so a subscriber gets the
/// current state first and then every later event, with nothing lost or repeated in between.
/// </summary>
internal sealed class ClusterEventPublisher : ReceiveActor
{
    private readonly Cluster _cluster;
    private readonly UniqueAddress _self;
    private Gossip _latest = Gossip.Empty;
    private CurrentClusterState _state = CurrentClusterState.Empty;

    public ClusterEventPublisher(Cluster cluster)
    {
        _cluster = cluster;
        _self = cluster.SelfUniqueAddress;
        Receive<PublishChanges>(p => Publish(p.Gossip));
        Receive<Subscribe>(OnSubscribe);
        Receive<Unsubscribe>(u => _cluster.System.EventStream.Unsubscribe(u.Subscriber));
        Receive<GetClusterState>(_ => Sender.Tell(_state, Self));
        Receive<SelfShuttingDown>(_ =>
        {
            _cluster.System.EventStream.Publish(ClusterShuttingDown.Instance);
            _cluster.OnSelfRemoved();
        });
    }

    public sealed record PublishChanges(Gossip Gossip);

    public sealed record Subscribe(IActorRef Subscriber, InitialStateMode Mode, IReadOnlyList<Type> To);

    public sealed record Unsubscribe(IActorRef Subscriber);

    public sealed record SelfShuttingDown
    {
        public static readonly SelfShuttingDown Instance = new();
    }

    private void OnSubscribe(Subscribe subscribe)
    {
        if (subscribe.Mode == InitialStateMode.AsSnapshot)
        {
            subscribe.Subscriber.Tell(_state, Self);
        }
        else
        {
            foreach (var e in Diff(Gossip.Empty, _latest))
            {
                if (subscribe.To.Any(t => t.IsInstanceOfType(e))) subscribe.Subscriber.Tell(e, Self);
            }
        }

        foreach (var type in subscribe.To) _cluster.System.EventStream.Subscribe(subscribe.Subscriber, type);
    }

    private void Publish(Gossip gossip)
    {
        var previous = _latest;
        _latest = gossip;
        _state = StateOf(gossip);
        _cluster.UpdateState(_state);
        foreach (var e in Diff(previous, gossip)) _cluster.System.EventStream.Publish(e);
        if (gossip.GetMember(_self) is { Status: MemberStatus.Up } && previous.GetMember(_self)?.Status != MemberStatus.Up) _cluster.OnSelfUp();
    }

    private CurrentClusterState StateOf(Gossip gossip)
    {
        var unreachable = gossip.Members.Where(m => !gossip.Reachability.IsReachable(m.UniqueAddress)).ToImmutableHashSet();
        return new CurrentClusterState(gossip.Members, unreachable, gossip.SeenBy.Select(s => s.Address).ToImmutableHashSet(), gossip.Leader(_self)?.Address)
        {
            RecentlyRemoved = [.. gossip.Tombstones.Keys],
        };
    }

    /// <summary>The events that lead from one view of the membership to the next.</summary>
    private IEnumerable<IClusterDomainEvent> Diff(Gossip before, Gossip after)
    {
        foreach (var member in after.Members)
        {
            var old = before.GetMember(member.UniqueAddress);
            if (old is not null && old.Status == member.Status) continue;
            IClusterDomainEvent? e = member.Status switch
            {
                MemberStatus.Joining => new MemberJoined(member),
                MemberStatus.Up => new MemberUp(member),
                MemberStatus.Leaving => new MemberLeft(member),
                MemberStatus.Exiting => new MemberExited(member),
                MemberStatus.Down => new MemberDowned(member),
                _ => null,
            };
            if (e is not null) yield return e;
        }

        foreach (var member in before.Members)
        {
            if (!after.HasMember(member.UniqueAddress)) yield return new MemberRemoved(member.Copy(MemberStatus.Removed), member.Status);
        }

        foreach (var member in after.Members)
        {
            var wasReachable = !before.HasMember(member.UniqueAddress) || before.Reachability.IsReachable(member.UniqueAddress);
            var isReachable = after.Reachability.IsReachable(member.UniqueAddress);
            if (wasReachable && !isReachable) yield return new UnreachableMember(member);
            else if (!wasReachable && isReachable) yield return new ReachableMember(member);
        }

        var oldLeader = before.Leader(_self)?.Address;
        var newLeader = after.Leader(_self)?.Address;
        if (!Equals(oldLeader, newLeader)) yield return new LeaderChanged(newLeader);
    }
}
