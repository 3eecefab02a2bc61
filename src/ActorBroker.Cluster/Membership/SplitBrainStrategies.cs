using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// Split brain resolution: when members become unreachable, each side of a (possible) network partition
/// decides on its own, from the same rule, which side survives, so that the sides agree without talking.
/// Decisions count only members that are Up, Leaving or Exiting (with the role, if given): a Joining member has
/// no say, since the other side may not know it yet and the two would count differently; it is downed with its
/// side. Members already Down count as gone.
/// </summary>
public static class SplitBrainStrategies
{
    /// <summary>
    /// Keep majority: the side with more counted members survives; on a tie the side holding the lowest
    /// counted address (<see cref="Member.Ordering"/>) survives, which both sides work out alike.
    /// </summary>
    /// <param name="members">All members as this node sees them.</param>
    /// <param name="unreachable">The members this node finds unreachable.</param>
    /// <param name="role">Count only members with this role; null counts all.</param>
    public static DowningDecision KeepMajority(IReadOnlyCollection<Member> members, ISet<UniqueAddress> unreachable, string? role)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(unreachable);
        if (!AnyUnreachable(members, unreachable)) return DowningDecision.None;
        var counted = Counted(members, role);
        if (counted.Count == 0) return DowningDecision.None;

        var unreachableCount = counted.Count(m => unreachable.Contains(m.UniqueAddress));
        var reachableCount = counted.Count - unreachableCount;
        if (reachableCount != unreachableCount)
            return reachableCount > unreachableCount ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;

        var lowest = counted.Min(Member.Ordering)!;
        return unreachable.Contains(lowest.UniqueAddress) ? DowningDecision.DownReachable : DowningDecision.DownUnreachable;
    }

    /// <summary>
    /// Static quorum: the side with at least <paramref name="quorumSize"/> counted members survives, the other
    /// downs itself. Only two sides of at most <c>quorumSize * 2 - 1</c> members cannot both reach the quorum;
    /// once the cluster has grown past that, two sides could both survive (split brain), so everyone is downed
    /// instead (<see cref="DowningDecision.DownAll"/>): an operator has to fix the configuration.
    /// </summary>
    /// <param name="members">All members as this node sees them.</param>
    /// <param name="unreachable">The members this node finds unreachable.</param>
    /// <param name="quorumSize">Counted members a side needs to survive; at least 1.</param>
    /// <param name="role">Count only members with this role; null counts all.</param>
    public static DowningDecision StaticQuorum(IReadOnlyCollection<Member> members, ISet<UniqueAddress> unreachable, int quorumSize, string? role)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(unreachable);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorumSize, 1);
        if (!AnyUnreachable(members, unreachable)) return DowningDecision.None;
        var counted = Counted(members, role);
        if (counted.Count > (quorumSize * 2) - 1) return DowningDecision.DownAll;

        var reachableCount = counted.Count(m => !unreachable.Contains(m.UniqueAddress));
        return reachableCount >= quorumSize ? DowningDecision.DownUnreachable : DowningDecision.DownReachable;
    }

    /// <summary>
    /// The nodes <paramref name="decision"/> downs, in <see cref="Member.Ordering"/>: every member of the losing
    /// side whatever its role or status (Joining ones included), except those already Down or Removed.
    /// </summary>
    public static IReadOnlyList<UniqueAddress> NodesToDown(DowningDecision decision, IReadOnlyCollection<Member> members, ISet<UniqueAddress> unreachable)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(unreachable);
        Func<Member, bool> downed = decision switch
        {
            DowningDecision.None => _ => false,
            DowningDecision.DownUnreachable => m => unreachable.Contains(m.UniqueAddress),
            DowningDecision.DownReachable => m => !unreachable.Contains(m.UniqueAddress),
            DowningDecision.DownAll => _ => true,
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown downing decision"),
        };
        return [.. members.Where(m => !IsGone(m) && downed(m)).Order(Member.Ordering).Select(m => m.UniqueAddress)];
    }

    private static List<Member> Counted(IReadOnlyCollection<Member> members, string? role) =>
        [.. members.Where(m => (m.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting) && (role is null || m.HasRole(role)))];

    private static bool AnyUnreachable(IReadOnlyCollection<Member> members, ISet<UniqueAddress> unreachable) =>
        members.Any(m => !IsGone(m) && unreachable.Contains(m.UniqueAddress));

    private static bool IsGone(Member member) => member.Status is MemberStatus.Down or MemberStatus.Removed;
}
