using ActorBroker.Remote;

namespace ActorBroker.Cluster.Singleton;

/// <summary>
/// The members that may host a singleton (Up, with the role), oldest first, kept from membership events.
/// Unreachable members stay in the list: a silent oldest is still the oldest until it is downed, so no
/// other node starts a second instance. Leaving, Exiting and Downed members drop out of the list at once
/// (their successor begins the hand-over), and the last status of every known member is remembered so a
/// successor can tell a graceful leave from a crash.
/// </summary>
internal sealed class MembersByAge(string? role)
{
    private readonly SortedSet<Member> _candidates = new(Member.AgeOrdering);
    private readonly Dictionary<UniqueAddress, MemberStatus> _lastStatus = [];
    private readonly Dictionary<UniqueAddress, MemberStatus> _removedFrom = [];
    private readonly Dictionary<UniqueAddress, Member> _current = [];

    /// <summary>The oldest Up member with the role, or null when there is none.</summary>
    public Member? Oldest => _candidates.Count == 0 ? null : _candidates.Min;

    /// <summary>The last status seen for <paramref name="node"/>; Removed once it has left the membership; null if never seen.</summary>
    public MemberStatus? StatusOf(UniqueAddress node) => _lastStatus.TryGetValue(node, out var status) ? status : null;

    /// <summary>The status <paramref name="node"/> had when it was removed (Down for a crash), or null while it is still a member.</summary>
    public MemberStatus? StatusBeforeRemoval(UniqueAddress node) => _removedFrom.TryGetValue(node, out var status) ? status : null;

    /// <summary>
    /// The oldest member with the role that is older than <paramref name="self"/> but on its way out (Leaving,
    /// Exiting or Down) and not yet removed: it may still run the singleton, so <paramref name="self"/> must not
    /// start one before it has handed over or been removed.
    /// </summary>
    public Member? OlderOnItsWayOut(UniqueAddress self)
    {
        if (!_current.TryGetValue(self, out var me)) return null;
        Member? found = null;
        foreach (var member in _current.Values)
        {
            if (member.Status is not (MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down)) continue;
            if (role is not null && !member.HasRole(role)) continue;
            if (member.UpNumber == int.MaxValue || !member.IsOlderThan(me)) continue;
            if (found is null || member.IsOlderThan(found)) found = member;
        }

        return found;
    }

    /// <summary>Starts over from a snapshot of the membership.</summary>
    public void Reset(CurrentClusterState state)
    {
        _candidates.Clear();
        _current.Clear();
        foreach (var member in state.Members) Apply(member, member.Status);
    }

    /// <summary>Applies a membership event; returns true when the event was about membership at all.</summary>
    public bool Apply(IClusterDomainEvent e)
    {
        switch (e)
        {
            case MemberRemoved removed:
                _candidates.Remove(removed.Member);
                _current.Remove(removed.Member.UniqueAddress);
                _removedFrom[removed.Member.UniqueAddress] = removed.PreviousStatus;
                _lastStatus[removed.Member.UniqueAddress] = MemberStatus.Removed;
                return true;
            case MemberEvent member:
                Apply(member.Member, member.Member.Status);
                return true;
            default:
                return false;
        }
    }

    private void Apply(Member member, MemberStatus status)
    {
        _lastStatus[member.UniqueAddress] = status;
        _current[member.UniqueAddress] = member;
        // Remove first: the set orders by age, and a member's UpNumber is set when it moves Up.
        _candidates.Remove(member);
        if (status == MemberStatus.Up && (role is null || member.HasRole(role))) _candidates.Add(member);
    }
}
