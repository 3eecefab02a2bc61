using static ActorBroker.Cluster.Tests.Membership.Nodes;

namespace ActorBroker.Cluster.Tests.Membership;

public sealed class LeaderActionsTests
{
    private static Gossip SeenByAllOf(Gossip gossip) =>
        gossip.Members.Aggregate(gossip, (g, m) => g.Seen(m.UniqueAddress));

    [Fact]
    public void A_node_that_is_not_the_leader_changes_nothing()
    {
        var gossip = SeenByAll(Up(1), Joining(2));
        var result = LeaderActions.Compute(gossip, Node(2), nowMillis: 0);
        Assert.False(result.HasChanges);
        Assert.Same(gossip, result.Gossip);
    }

    [Fact]
    public void Without_convergence_the_leader_changes_nothing()
    {
        var gossip = SeenByAll(Up(1)).AddMember(Joining(2));
        var result = LeaderActions.Compute(gossip, Node(1), nowMillis: 0);
        Assert.False(result.HasChanges);
        Assert.Same(gossip, result.Gossip);
    }

    [Fact]
    public void A_converged_cluster_with_nothing_to_do_is_left_alone()
    {
        var gossip = SeenByAll(Up(1, 1), Up(2, 2));
        Assert.Same(gossip, LeaderActions.Compute(gossip, Node(1), 0).Gossip);
    }

    [Fact]
    public void Joining_members_move_up_numbered_after_the_highest_up_number()
    {
        var gossip = SeenByAll(Up(1, 1), Up(2, 2), Joining(4), Joining(3));

        var result = LeaderActions.Compute(gossip, Node(1), nowMillis: 0);

        Assert.Equal([Node(3), Node(4)], result.Upped.Select(m => m.UniqueAddress));
        Assert.All(result.Upped, m => Assert.Equal(MemberStatus.Joining, m.Status));
        Assert.Equal(3, result.Gossip.GetMember(Node(3))!.UpNumber);
        Assert.Equal(4, result.Gossip.GetMember(Node(4))!.UpNumber);
        Assert.All(result.Gossip.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
        Assert.True(result.Gossip.Version.IsAfter(gossip.Version));
        Assert.Equal([Node(1)], result.Gossip.SeenBy);
    }

    [Fact]
    public void The_first_node_of_a_cluster_moves_itself_up_as_the_oldest()
    {
        var result = LeaderActions.Compute(SeenByAll(Joining(1)), Node(1), nowMillis: 0);
        Assert.Equal(1, result.Gossip.GetMember(Node(1))!.UpNumber);
        Assert.Equal(MemberStatus.Up, result.Gossip.GetMember(Node(1))!.Status);
    }

    [Fact]
    public void Up_numbers_are_never_reused_while_an_older_member_is_still_leaving()
    {
        var gossip = SeenByAll(Up(1, 1), WithStatus(2, MemberStatus.Leaving, upNumber: 5), Joining(3));
        var result = LeaderActions.Compute(gossip, Node(1), nowMillis: 0);
        Assert.Equal(6, result.Gossip.GetMember(Node(3))!.UpNumber);
    }

    [Fact]
    public void A_leaving_member_exits_and_is_removed_once_everyone_has_seen_it_exiting()
    {
        var gossip = SeenByAll(Up(1, 1), WithStatus(2, MemberStatus.Leaving, upNumber: 2));

        var first = LeaderActions.Compute(gossip, Node(1), nowMillis: 10);
        Assert.Equal([Node(2)], first.Exited.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Leaving, first.Exited[0].Status);
        Assert.Equal(MemberStatus.Exiting, first.Gossip.GetMember(Node(2))!.Status);

        // Node 2 has not seen the Exiting status yet, so it is not removed behind its back.
        Assert.False(LeaderActions.Compute(first.Gossip, Node(1), nowMillis: 20).HasChanges);

        var second = LeaderActions.Compute(SeenByAllOf(first.Gossip), Node(1), nowMillis: 30);
        Assert.Equal([Node(2)], second.Removed.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Exiting, second.Removed[0].Status);
        Assert.False(second.Gossip.HasMember(Node(2)));
        Assert.Equal(30, second.Gossip.Tombstones[Node(2)]);
    }

    [Fact]
    public void A_down_member_is_removed_even_unreachable_and_unseen()
    {
        var gossip = SeenByAll(Up(1, 1), Up(2, 2))
            .AddMember(Up(3, 3).Copy(MemberStatus.Down))
            .WithReachability(Reachability.Empty.Unreachable(Node(1), Node(3)));

        var result = LeaderActions.Compute(gossip, Node(1), nowMillis: 50);

        Assert.Equal([Node(3)], result.Removed.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Down, result.Removed[0].Status);
        Assert.False(result.Gossip.HasMember(Node(3)));
        Assert.True(result.Gossip.Reachability.IsAllReachable);
        Assert.True(result.Gossip.IsTombstoned(Node(3)));
    }

    [Fact]
    public void An_unreachable_exiting_member_is_removed_without_having_seen_the_gossip()
    {
        var gossip = SeenByAll(Up(1, 1))
            .AddMember(WithStatus(2, MemberStatus.Exiting, upNumber: 2))
            .WithReachability(Reachability.Empty.Unreachable(Node(1), Node(2)));
        var result = LeaderActions.Compute(gossip, Node(1), nowMillis: 0);
        Assert.Equal([Node(2)], result.Removed.Select(m => m.UniqueAddress));
    }

    [Fact]
    public void A_removed_member_is_not_resurrected_by_a_stale_view()
    {
        var stale = SeenByAll(Up(1, 1), Up(2, 2).Copy(MemberStatus.Down));
        var result = LeaderActions.Compute(stale, Node(1), nowMillis: 5);

        Assert.False(result.Gossip.Merge(stale).HasMember(Node(2)));
        Assert.False(stale.Merge(result.Gossip).HasMember(Node(2)));
    }

    [Fact]
    public void An_unreachable_up_member_stops_the_leader()
    {
        var gossip = SeenByAll(Up(1, 1), Up(2, 2), Joining(3)).WithReachability(Reachability.Empty.Unreachable(Node(1), Node(2)));
        Assert.False(LeaderActions.Compute(gossip, Node(1), 0).HasChanges);
    }
}
