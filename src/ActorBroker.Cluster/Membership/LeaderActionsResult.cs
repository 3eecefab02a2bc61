namespace ActorBroker.Cluster;

/// <summary>
/// What <see cref="LeaderActions.Compute"/> did. The lists hold the members as they were before (so the old
/// status can be logged); look a member up in <see cref="Gossip"/> for its new state, except the removed ones,
/// which are gone.
/// </summary>
/// <param name="Gossip">The new gossip, version incremented by the leader; the input gossip when nothing changed.</param>
/// <param name="Upped">Members moved from Joining to Up.</param>
/// <param name="Exited">Members moved from Leaving to Exiting.</param>
/// <param name="Removed">Members removed from the gossip (they were Exiting or Down, or already marked Removed).</param>
public sealed record LeaderActionsResult(Gossip Gossip, IReadOnlyList<Member> Upped, IReadOnlyList<Member> Exited, IReadOnlyList<Member> Removed)
{
    public bool HasChanges => Upped.Count > 0 || Exited.Count > 0 || Removed.Count > 0;

    internal static LeaderActionsResult Unchanged(Gossip gossip) => new(gossip, [], [], []);
}
