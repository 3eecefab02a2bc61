using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// The moves only the leader makes, and only on a converged gossip, so every node has seen the state a move
/// starts from. The member life cycle:
/// <code>
///   Joining ─leader─▶ Up ─member asks─▶ Leaving ─leader─▶ Exiting ─leader─▶ Removed
///   Joining | Up | Leaving | Exiting ─downed by anyone─▶ Down ─leader─▶ Removed
/// </code>
/// In one pass over a converged gossip the leader moves Joining members Up (numbering them for age after
/// the highest up number given so far, in <see cref="Member.Ordering"/>), Leaving members to Exiting, and
/// removes members that are already Exiting or Down. Because convergence means everyone has seen the
/// Exiting status, removal never comes as a surprise; Down and Exiting members that are unreachable need
/// not have seen anything (convergence ignores them), as waiting for them could take for ever.
/// </summary>
public static class LeaderActions
{
    /// <summary>
    /// The leader's moves on <paramref name="gossip"/>; no changes unless <paramref name="leader"/> is the
    /// leader of <paramref name="gossip"/> and it has converged. Removed members are tombstoned at
    /// <paramref name="nowMillis"/>.
    /// </summary>
    public static LeaderActionsResult Compute(Gossip gossip, UniqueAddress leader, long nowMillis)
    {
        ArgumentNullException.ThrowIfNull(gossip);
        ArgumentNullException.ThrowIfNull(leader);
        if (!leader.Equals(gossip.Leader(leader)) || !gossip.Convergence(leader))
            return LeaderActionsResult.Unchanged(gossip);

        var upped = gossip.Members.Where(m => m.Status == MemberStatus.Joining).ToList();
        var exited = gossip.Members.Where(m => m.Status == MemberStatus.Leaving).ToList();
        var removed = gossip.Members.Where(m => m.Status is MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed).ToList();
        if (upped.Count == 0 && exited.Count == 0 && removed.Count == 0)
            return LeaderActionsResult.Unchanged(gossip);

        // Every member that was ever Up keeps its number, so counting on from the highest keeps numbers unique.
        var upNumber = gossip.Members.Where(m => m.UpNumber != int.MaxValue).Select(m => m.UpNumber).DefaultIfEmpty(0).Max();
        var next = gossip;
        foreach (var member in upped) next = next.UpdateMember(member.CopyUp(++upNumber));
        foreach (var member in exited) next = next.UpdateMember(member.Copy(MemberStatus.Exiting));
        foreach (var member in removed) next = next.RemoveMember(member.UniqueAddress, nowMillis);
        return new LeaderActionsResult(next.Increment(leader), upped, exited, removed);
    }
}
