using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// One node's view of the cluster, spread by gossip: the members and their statuses, who finds whom
/// unreachable, the <see cref="Version"/> that orders views, which nodes have <see cref="SeenBy">seen</see> this version,
/// and tombstones of removed nodes. Immutable; every change returns a new gossip. Changes made locally are
/// followed by <see cref="Increment"/>; views that are concurrent are combined with <see cref="Merge"/>.
/// </summary>
public sealed class Gossip
{
    private static readonly ImmutableSortedSet<Member> NoMembers = ImmutableSortedSet.Create(Member.Ordering);

    private Gossip(
        ImmutableSortedSet<Member> members,
        ImmutableHashSet<UniqueAddress> seen,
        Reachability reachability,
        VectorClock version,
        ImmutableDictionary<UniqueAddress, long> tombstones)
    {
        Members = members;
        SeenBy = seen;
        Reachability = reachability;
        Version = version;
        Tombstones = tombstones;
    }

    public static Gossip Empty { get; } = new(NoMembers, [], Reachability.Empty, VectorClock.Empty, ImmutableDictionary<UniqueAddress, long>.Empty);

    /// <summary>The members, one per incarnation, in <see cref="Member.Ordering"/>.</summary>
    public ImmutableSortedSet<Member> Members { get; }

    /// <summary>The nodes known to have seen this <see cref="Version"/>. (Named so because C# cannot have a
    /// property and the <see cref="Seen(UniqueAddress)"/> method share a name.)</summary>
    public ImmutableHashSet<UniqueAddress> SeenBy { get; }

    public Reachability Reachability { get; }

    public VectorClock Version { get; }

    /// <summary>Removed incarnations and when they were removed (milliseconds), so that merging with a stale
    /// view does not bring them back.</summary>
    public ImmutableDictionary<UniqueAddress, long> Tombstones { get; }

    public bool IsSingletonCluster => Members.Count == 1;

    /// <summary>A fresh gossip holding <paramref name="members"/>.</summary>
    public static Gossip Create(IEnumerable<Member> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return Empty.With(members: NoMembers.Union(members));
    }

    /// <summary>A gossip restored as it was (decoding).</summary>
    internal static Gossip Restore(
        ImmutableSortedSet<Member> members,
        ImmutableHashSet<UniqueAddress> seen,
        Reachability reachability,
        VectorClock version,
        ImmutableDictionary<UniqueAddress, long> tombstones) =>
        new(members.WithComparer(Member.Ordering), seen, reachability, version, tombstones);

    public Member? GetMember(UniqueAddress node) =>
        Members.TryGetValue(Member.Create(node, []), out var member) ? member : null;

    /// <summary>
    /// The member at <paramref name="address"/>. Should two incarnations share it, the newest: a new incarnation
    /// is only let in once the old one is on its way out, so the one least far along its life cycle.
    /// </summary>
    public Member? GetMember(Address address) =>
        Members.Where(m => m.Address.Equals(address))
            .OrderBy(m => m.Status)
            .ThenByDescending(m => m.UpNumber)
            .ThenByDescending(m => m.UniqueAddress.Uid)
            .FirstOrDefault();

    public bool HasMember(UniqueAddress node) => GetMember(node) is not null;

    /// <summary>True when <paramref name="node"/> was removed; it must not join again with the same uid.</summary>
    public bool IsTombstoned(UniqueAddress node) => Tombstones.ContainsKey(node);

    /// <summary>Adds <paramref name="member"/>; a member already present (by unique address) is kept as it is.</summary>
    public Gossip AddMember(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Members.Contains(member) ? this : With(members: Members.Add(member));
    }

    /// <summary>Replaces the member with <paramref name="member"/>'s unique address (or adds it).</summary>
    public Gossip UpdateMember(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return With(members: Members.Remove(member).Add(member));
    }

    /// <summary>
    /// Removes <paramref name="node"/> for good: from the members, seen set and reachability table, and its
    /// counter from the version, leaving a tombstone dated <paramref name="nowMillis"/>.
    /// </summary>
    public Gossip RemoveMember(UniqueAddress node, long nowMillis)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new Gossip(
            Members.Remove(Member.Create(node, [])),
            SeenBy.Remove(node),
            Reachability.Remove([node]),
            Version.Prune(node.ToString()),
            Tombstones.SetItem(node, nowMillis));
    }

    /// <summary>Forgets tombstones older than <paramref name="removedBeforeMillis"/>; by then no stale view should survive.</summary>
    public Gossip PruneTombstones(long removedBeforeMillis) =>
        With(tombstones: Tombstones.RemoveRange(Tombstones.Where(t => t.Value < removedBeforeMillis).Select(t => t.Key)));

    /// <summary>Marks a change made by <paramref name="self"/>: bumps its counter, and only it has seen the new version.</summary>
    public Gossip Increment(UniqueAddress self)
    {
        ArgumentNullException.ThrowIfNull(self);
        return With(version: Version.Increment(self.ToString()), seen: [self]);
    }

    /// <summary>Records that <paramref name="node"/> has seen this version.</summary>
    public Gossip Seen(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return SeenBy.Contains(node) ? this : With(seen: SeenBy.Add(node));
    }

    public bool SeenByNode(UniqueAddress node) => SeenBy.Contains(node);

    /// <summary>This gossip with <paramref name="reachability"/> (a failure detector changed its mind).</summary>
    public Gossip WithReachability(Reachability reachability)
    {
        ArgumentNullException.ThrowIfNull(reachability);
        return With(reachability: reachability);
    }

    /// <summary>
    /// Combines two concurrent views. Each member takes the status furthest along its life cycle
    /// (<see cref="Member.HighestPriorityOf"/>), tombstoned nodes are dropped, reachability rows are merged for
    /// the merged members, versions are merged, and nobody has seen the result yet. Commutative and idempotent
    /// for members.
    /// </summary>
    public Gossip Merge(Gossip other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var tombstones = Tombstones;
        foreach (var (node, removedAt) in other.Tombstones)
        {
            if (!tombstones.TryGetValue(node, out var mine) || removedAt > mine) tombstones = tombstones.SetItem(node, removedAt);
        }

        var members = NoMembers.ToBuilder();
        foreach (var member in Members.Concat(other.Members))
        {
            if (tombstones.ContainsKey(member.UniqueAddress)) continue;
            if (members.TryGetValue(member, out var existing))
            {
                members.Remove(existing);
                members.Add(Member.PickHighestPriority(existing, member));
            }
            else
            {
                members.Add(member);
            }
        }

        var merged = members.ToImmutable();
        var reachability = Reachability.Merge(merged.Select(m => m.UniqueAddress), other.Reachability);
        var version = tombstones.Keys.Aggregate(Version.Merge(other.Version), (clock, node) => clock.Prune(node.ToString()));
        return new Gossip(merged, [], reachability, version, tombstones);
    }

    /// <summary>
    /// True when the cluster has converged on this view, so the leader may act on it: no member is unreachable
    /// (by the observations of members that are not Down) unless it is Down or Exiting, and every reachable
    /// Joining, Up, Leaving or Exiting member has seen this version. Down members need not have seen it: they
    /// are being removed, and waiting for a dead node would block the cluster for ever.
    /// </summary>
    public bool Convergence(UniqueAddress self)
    {
        var reachability = ReachabilityExcludingDownedObservers();
        foreach (var member in Members)
        {
            var reachable = member.UniqueAddress.Equals(self) || reachability.IsReachable(member.UniqueAddress);
            if (!reachable)
            {
                if (member.Status is MemberStatus.Down or MemberStatus.Exiting or MemberStatus.Removed) continue;
                return false;
            }

            if (member.Status is not (MemberStatus.Down or MemberStatus.Removed) && !SeenBy.Contains(member.UniqueAddress))
                return false;
        }

        return true;
    }

    /// <summary>
    /// The leader as <paramref name="self"/> sees it: among members that are not Down or Removed and are
    /// reachable (self always is), the first in <see cref="Member.Ordering"/> that is Up or Leaving, else the
    /// first of the rest (Joining or Exiting). Null when there is no candidate.
    /// </summary>
    public UniqueAddress? Leader(UniqueAddress self)
    {
        var reachability = ReachabilityExcludingDownedObservers();
        var candidates = Members
            .Where(m => m.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .Where(m => m.UniqueAddress.Equals(self) || reachability.IsReachable(m.UniqueAddress))
            .ToList();
        var leader = candidates.FirstOrDefault(m => m.Status is MemberStatus.Up or MemberStatus.Leaving) ?? candidates.FirstOrDefault();
        return leader?.UniqueAddress;
    }

    /// <summary>The oldest (<see cref="Member.AgeOrdering"/>) Up or Leaving member, with <paramref name="role"/> if given.</summary>
    public Member? Oldest(string? role) =>
        Members
            .Where(m => m.Status is MemberStatus.Up or MemberStatus.Leaving)
            .Where(m => role is null || m.HasRole(role))
            .Order(Member.AgeOrdering)
            .FirstOrDefault();

    /// <summary>The members nobody finds unreachable, plus <paramref name="self"/>.</summary>
    public IEnumerable<Member> ReachableMembers(UniqueAddress self) =>
        Members.Where(m => m.UniqueAddress.Equals(self) || Reachability.IsReachable(m.UniqueAddress));

    /// <summary>The members someone finds unreachable or terminated, except <paramref name="self"/>.</summary>
    public IEnumerable<Member> UnreachableMembers(UniqueAddress self) =>
        Members.Where(m => !m.UniqueAddress.Equals(self) && !Reachability.IsReachable(m.UniqueAddress));

    public override string ToString() =>
        $"Gossip(members = [{string.Join(", ", Members)}], seen = [{string.Join(", ", SeenBy)}], {Reachability}, {Version})";

    // A downed node's failure detector has no say: it is leaving, and its view may be the cause of the split.
    private Reachability ReachabilityExcludingDownedObservers()
    {
        if (Reachability.IsAllReachable) return Reachability;
        var downed = Members.Where(m => m.Status is MemberStatus.Down or MemberStatus.Removed).Select(m => m.UniqueAddress).ToList();
        return downed.Count == 0 ? Reachability : Reachability.RemoveObservers(downed);
    }

    private Gossip With(
        ImmutableSortedSet<Member>? members = null,
        ImmutableHashSet<UniqueAddress>? seen = null,
        Reachability? reachability = null,
        VectorClock? version = null,
        ImmutableDictionary<UniqueAddress, long>? tombstones = null) =>
        new(members ?? Members, seen ?? SeenBy, reachability ?? Reachability, version ?? Version, tombstones ?? Tombstones);
}
