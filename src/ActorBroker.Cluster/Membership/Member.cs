using System.Collections.Immutable;
using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// A node incarnation's membership: who (<see cref="UniqueAddress"/>), where in its life cycle
/// (<see cref="Status"/>), what it does (<see cref="Roles"/>) and how old it is (<see cref="UpNumber"/>).
/// Immutable. Two members are equal when they are the same incarnation, whatever their status, so sets of
/// members hold one entry per node.
/// </summary>
public sealed class Member : IEquatable<Member>
{
    private Member(UniqueAddress uniqueAddress, int upNumber, MemberStatus status, ImmutableHashSet<string> roles)
    {
        UniqueAddress = uniqueAddress;
        UpNumber = upNumber;
        Status = status;
        Roles = roles;
    }

    /// <summary>Orders members by <see cref="Remote.UniqueAddress"/>: the order every node agrees on for leader choice.</summary>
    public static IComparer<Member> Ordering { get; } = Comparer<Member>.Create((a, b) => a.UniqueAddress.CompareTo(b.UniqueAddress));

    /// <summary>Orders members oldest first (see <see cref="IsOlderThan"/>); a total order.</summary>
    public static IComparer<Member> AgeOrdering { get; } = Comparer<Member>.Create((a, b) =>
    {
        var c = a.UpNumber.CompareTo(b.UpNumber);
        return c != 0 ? c : a.UniqueAddress.CompareTo(b.UniqueAddress);
    });

    public UniqueAddress UniqueAddress { get; }

    public Address Address => UniqueAddress.Address;

    public MemberStatus Status { get; }

    public ImmutableHashSet<string> Roles { get; }

    /// <summary>The member's age: assigned by the leader when it moves the member Up, smaller = older.
    /// <see cref="int.MaxValue"/> until then.</summary>
    public int UpNumber { get; }

    /// <summary>A new member that has just asked to join.</summary>
    public static Member Create(UniqueAddress node, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(roles);
        return new Member(node, int.MaxValue, MemberStatus.Joining, [.. roles]);
    }

    /// <summary>A member restored as it was, without transition checks (decoding gossip).</summary>
    internal static Member Restore(UniqueAddress node, MemberStatus status, int upNumber, ImmutableHashSet<string> roles) =>
        new(node, upNumber, status, roles);

    /// <summary>This member moved to <paramref name="status"/>; the same status returns this member.</summary>
    /// <exception cref="InvalidOperationException">The life cycle does not allow the move (e.g. back from Down).</exception>
    public Member Copy(MemberStatus status)
    {
        if (status == Status)
            return this;
        if (!IsAllowed(Status, status))
            throw new InvalidOperationException($"{this} cannot move from {Status} to {status}");
        return new Member(UniqueAddress, UpNumber, status, Roles);
    }

    /// <summary>This member moved Up with age <paramref name="upNumber"/>.</summary>
    public Member CopyUp(int upNumber)
    {
        var up = Copy(MemberStatus.Up);
        return new Member(UniqueAddress, upNumber, up.Status, Roles);
    }

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>True when this member was moved Up before <paramref name="other"/>; ties (members never Up) go
    /// to the lower address so every node agrees.</summary>
    public bool IsOlderThan(Member other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return UpNumber == other.UpNumber
            ? AddressOrdering.Compare(Address, other.Address) < 0
            : UpNumber < other.UpNumber;
    }

    /// <summary>
    /// Which of two views of the same member's status wins when two gossips disagree: the one further along
    /// its life cycle, Removed &gt; Down &gt; Exiting &gt; Leaving &gt; Up &gt; Joining. Statuses only move forward,
    /// so the later one is the newer news.
    /// </summary>
    public static MemberStatus HighestPriorityOf(Member a, Member b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Priority(a.Status) >= Priority(b.Status) ? a.Status : b.Status;
    }

    /// <summary>
    /// The member to keep when two gossips hold different views of the same incarnation: the one with the
    /// winning status, and on equal status the older one (two partitioned leaders could each have moved it
    /// Up), so merging gives the same result in either order.
    /// </summary>
    internal static Member PickHighestPriority(Member a, Member b)
    {
        var pa = Priority(a.Status);
        var pb = Priority(b.Status);
        if (pa != pb) return pa > pb ? a : b;
        return a.UpNumber <= b.UpNumber ? a : b;
    }

    public bool Equals(Member? other) => other is not null && UniqueAddress.Equals(other.UniqueAddress);

    public override bool Equals(object? obj) => obj is Member other && Equals(other);

    public override int GetHashCode() => UniqueAddress.GetHashCode();

    public override string ToString() => $"Member({Address}, {Status})";

    private static bool IsAllowed(MemberStatus from, MemberStatus to) => from switch
    {
        MemberStatus.Joining => to is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Up => to is MemberStatus.Leaving or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Leaving => to is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed,
        MemberStatus.Exiting => to is MemberStatus.Removed or MemberStatus.Down,
        MemberStatus.Down => to is MemberStatus.Removed,
        _ => false,
    };

    private static int Priority(MemberStatus status) => status switch
    {
        MemberStatus.Joining => 0,
        MemberStatus.Up => 1,
        MemberStatus.Leaving => 2,
        MemberStatus.Exiting => 3,
        MemberStatus.Down => 4,
        MemberStatus.Removed => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown member status"),
    };
}
