namespace ActorBroker.Cluster;

/// <summary>
/// Where a member is in its life cycle. The happy path is Joining → Up → Leaving → Exiting → Removed;
/// Down short-cuts any state (but Removed) to Removed when a node is declared dead. Only the leader moves
/// members forward (Joining → Up, Leaving → Exiting, Exiting/Down → Removed); a node asks to leave
/// (→ Leaving) and anyone may down a node (→ Down). See <see cref="Member.Copy"/> and <see cref="LeaderActions"/>.
/// </summary>
public enum MemberStatus
{
    /// <summary>Asked to join; not yet given work until the leader moves it Up.</summary>
    Joining,

    /// <summary>A full member.</summary>
    Up,

    /// <summary>Asked to leave; hands its work over before the leader moves it to Exiting.</summary>
    Leaving,

    /// <summary>Leaving, and everyone has been told; removed at the next convergence.</summary>
    Exiting,

    /// <summary>Declared dead (by an operator or the split brain resolver); removed at the next convergence.</summary>
    Down,

    /// <summary>Gone from the cluster; the same incarnation can never come back.</summary>
    Removed,
}
