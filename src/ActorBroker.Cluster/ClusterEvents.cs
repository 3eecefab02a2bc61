using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>Marker of every membership event a subscriber can receive.</summary>
public interface IClusterDomainEvent;

/// <summary>A member changed status; <see cref="Member"/> carries the new one.</summary>
public abstract record MemberEvent(Member Member) : IClusterDomainEvent;

public sealed record MemberJoined(Member Member) : MemberEvent(Member);

public sealed record MemberUp(Member Member) : MemberEvent(Member);

public sealed record MemberLeft(Member Member) : MemberEvent(Member);

public sealed record MemberExited(Member Member) : MemberEvent(Member);

public sealed record MemberDowned(Member Member) : MemberEvent(Member);

/// <summary>The member is gone for good; <paramref name="PreviousStatus"/> tells whether it left (Exiting) or was downed (Down).</summary>
public sealed record MemberRemoved(Member Member, MemberStatus PreviousStatus) : MemberEvent(Member);

/// <summary>Some member's failure detector suspects this member.</summary>
public sealed record UnreachableMember(Member Member) : IClusterDomainEvent;

/// <summary>Every observer that suspected this member hears from it again.</summary>
public sealed record ReachableMember(Member Member) : IClusterDomainEvent;

/// <summary>The leader (the node that moves members between states) changed; null while there is none.</summary>
public sealed record LeaderChanged(Address? Leader) : IClusterDomainEvent;

/// <summary>This node's cluster is shutting down (it left, was downed or removed).</summary>
public sealed record ClusterShuttingDown : IClusterDomainEvent
{
    public static readonly ClusterShuttingDown Instance = new();
}

/// <summary>A snapshot of the membership as this node sees it: sent first to a subscriber, and by <see cref="Cluster.State"/>.</summary>
public sealed record CurrentClusterState(
    ImmutableSortedSet<Member> Members,
    ImmutableHashSet<Member> Unreachable,
    ImmutableHashSet<Address> SeenBy,
    Address? Leader) : IClusterDomainEvent
{
    public static CurrentClusterState Empty { get; } = new(ImmutableSortedSet.Create(Member.Ordering), [], [], null);

    /// <summary>Incarnations removed from the cluster (left or downed) that this node still remembers.</summary>
    public ImmutableSortedSet<UniqueAddress> RecentlyRemoved { get; init; } = [];
}

/// <summary>How a new subscriber learns the state it subscribed into.</summary>
public enum InitialStateMode
{
    /// <summary>One <see cref="CurrentClusterState"/> message first.</summary>
    AsSnapshot,

    /// <summary>The events that would have built the current state (MemberUp for each Up member, and so on).</summary>
    AsEvents,
}
