using ActorBroker.Remote;
using static ActorBroker.Cluster.Tests.Membership.Nodes;

namespace ActorBroker.Cluster.Tests.Membership;

public sealed class GossipTests
{
    [Fact]
    public void Members_are_kept_in_address_order_one_per_incarnation()
    {
        var gossip = Gossip.Create([Up(3), Joining(1), Up(2), Up(1)]);
        Assert.Equal([Node(1), Node(2), Node(3)], gossip.Members.Select(m => m.UniqueAddress));
        Assert.Equal(MemberStatus.Joining, gossip.GetMember(Node(1))!.Status);
        Assert.True(gossip.HasMember(Node(2)));
        Assert.False(gossip.HasMember(Node(4)));
        Assert.Null(gossip.GetMember(Node(1, uid: 99)));
    }

    [Fact]
    public void Adding_a_present_member_keeps_it_and_updating_replaces_it()
    {
        var gossip = Gossip.Create([Joining(1)]);
        Assert.Same(gossip, gossip.AddMember(Up(1)));
        Assert.Equal(MemberStatus.Up, gossip.UpdateMember(Up(1)).GetMember(Node(1))!.Status);
        Assert.Equal(2, gossip.UpdateMember(Joining(2)).Members.Count);
    }

    [Fact]
    public void Looking_up_an_address_finds_the_newest_incarnation()
    {
        var old = Up(1, 1).Copy(MemberStatus.Down);
        var replacement = Member.Create(Node(1, uid: 2), []);
        var gossip = Gossip.Create([old, replacement, Up(2)]);
        Assert.Equal(replacement.UniqueAddress, gossip.GetMember(Node(1).Address)!.UniqueAddress);
        Assert.Null(gossip.GetMember(Node(9).Address));
    }

    [Fact]
    public void Removing_a_member_leaves_a_tombstone_and_no_other_trace()
    {
        var gossip = SeenByAll(Up(1), Up(2), Up(3))
            .WithReachability(Reachability.Empty.Unreachable(Node(1), Node(2)).Unreachable(Node(2), Node(3)));
        gossip = gossip.Increment(Node(2)).Seen(Node(1));

        var removed = gossip.RemoveMember(Node(2), nowMillis: 1234);

        Assert.False(removed.HasMember(Node(2)));
        Assert.False(removed.SeenByNode(Node(2)));
        Assert.True(removed.SeenByNode(Node(1)));
        Assert.True(removed.Reachability.IsAllReachable);
        Assert.False(removed.Version.Versions.ContainsKey(Node(2).ToString()));
        Assert.Equal(1234, removed.Tombstones[Node(2)]);
        Assert.True(removed.IsTombstoned(Node(2)));
    }

    [Fact]
    public void An_increment_moves_the_version_on_and_only_the_changer_has_seen_it()
    {
        var gossip = SeenByAll(Up(1), Up(2));
        var next = gossip.Increment(Node(1));
        Assert.True(next.Version.IsAfter(gossip.Version));
        Assert.Equal([Node(1)], next.SeenBy);
        Assert.True(next.Seen(Node(2)).SeenByNode(Node(2)));
        Assert.Same(next, next.Seen(Node(1)));
    }

    [Fact]
    public void A_merge_takes_each_member_status_furthest_along_and_is_seen_by_nobody()
    {
        var start = SeenByAll(Up(1, 1), Up(2, 2), Joining(3)).Increment(Node(1));
        var left = start.UpdateMember(Up(2, 2).Copy(MemberStatus.Leaving)).Increment(Node(1));
        var right = start.UpdateMember(Joining(3).CopyUp(3)).AddMember(Joining(4)).Increment(Node(2));

        var merged = left.Merge(right);

        Assert.Equal(
            [MemberStatus.Up, MemberStatus.Leaving, MemberStatus.Up, MemberStatus.Joining],
            merged.Members.Select(m => m.Status));
        Assert.Equal(3, merged.GetMember(Node(3))!.UpNumber);
        Assert.Empty(merged.SeenBy);
        Assert.True(merged.Version.IsAfter(left.Version));
        Assert.True(merged.Version.IsAfter(right.Version));
    }

    [Fact]
    public void A_tombstone_keeps_a_removed_member_out_of_a_merge_with_an_old_view()
    {
        var old = SeenByAll(Up(1, 1), Up(2, 2).Copy(MemberStatus.Down)).Increment(Node(1));
        var current = old.RemoveMember(Node(2), nowMillis: 10).Increment(Node(1));

        foreach (var merged in new[] { current.Merge(old), old.Merge(current) })
        {
            Assert.False(merged.HasMember(Node(2)));
            Assert.True(merged.IsTombstoned(Node(2)));
            Assert.False(merged.Version.Versions.ContainsKey(Node(2).ToString()));
        }
    }

    [Fact]
    public void Tombstones_older_than_the_cut_off_are_pruned()
    {
        var gossip = Gossip.Create([Up(1), Up(2), Up(3)]).RemoveMember(Node(2), 100).RemoveMember(Node(3), 200);
        var pruned = gossip.PruneTombstones(removedBeforeMillis: 150);
        Assert.Equal([Node(3)], pruned.Tombstones.Keys);
    }

    [Fact]
    public void Merging_is_commutative_and_idempotent_for_members_over_random_views()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var a = RandomGossip(random);
            var b = RandomGossip(random);
            var c = RandomGossip(random);

            Assert.Equal(Summary(a.Merge(b)), Summary(b.Merge(a)));
            Assert.Equal(Summary(a), Summary(a.Merge(a)));
            Assert.Equal(Summary(a.Merge(b)), Summary(a.Merge(b).Merge(b)));
            Assert.Equal(Summary(a.Merge(b).Merge(c)), Summary(a.Merge(b.Merge(c))));
            foreach (var member in a.Merge(b).Members)
            {
                var mine = a.GetMember(member.UniqueAddress);
                var theirs = b.GetMember(member.UniqueAddress);
                var expected = mine is null ? theirs!.Status : theirs is null ? mine.Status : Member.HighestPriorityOf(mine, theirs);
                Assert.Equal(expected, member.Status);
            }
        }
    }

    [Fact]
    public void Everyone_having_seen_the_version_is_convergence()
    {
        Assert.True(SeenByAll(Up(1), Up(2), Joining(3)).Convergence(Node(1)));
        Assert.True(Gossip.Empty.Convergence(Node(1)));
    }

    [Theory]
    [InlineData(MemberStatus.Joining)]
    [InlineData(MemberStatus.Up)]
    [InlineData(MemberStatus.Leaving)]
    [InlineData(MemberStatus.Exiting)]
    public void A_member_that_has_not_seen_the_version_blocks_convergence(MemberStatus status)
    {
        var gossip = SeenByAll(Up(1)).AddMember(WithStatus(2, status));
        Assert.False(gossip.Convergence(Node(1)));
    }

    [Fact]
    public void A_down_member_need_not_have_seen_the_version()
    {
        var gossip = SeenByAll(Up(1)).AddMember(Up(2).Copy(MemberStatus.Down));
        Assert.True(gossip.Convergence(Node(1)));
    }

    [Fact]
    public void An_unreachable_up_member_blocks_convergence_even_when_it_has_seen_the_version()
    {
        var gossip = SeenByAll(Up(1), Up(2), Up(3)).WithReachability(Reachability.Empty.Unreachable(Node(1), Node(3)));
        Assert.False(gossip.Convergence(Node(1)));
        Assert.False(gossip.Convergence(Node(2)));
    }

    [Theory]
    [InlineData(MemberStatus.Down)]
    [InlineData(MemberStatus.Exiting)]
    public void An_unreachable_down_or_exiting_member_does_not_block_convergence(MemberStatus status)
    {
        var gossip = SeenByAll(Up(1), Up(2))
            .AddMember(WithStatus(3, status))
            .WithReachability(Reachability.Empty.Unreachable(Node(1), Node(3)));
        Assert.True(gossip.Convergence(Node(1)));
    }

    [Fact]
    public void What_a_down_member_finds_unreachable_does_not_block_convergence()
    {
        var gossip = SeenByAll(Up(1), Up(2))
            .AddMember(Up(3).Copy(MemberStatus.Down))
            .WithReachability(Reachability.Empty.Unreachable(Node(3), Node(2)));
        Assert.True(gossip.Convergence(Node(1)));
    }

    [Fact]
    public void The_leader_is_the_lowest_address_among_up_members()
    {
        var gossip = Gossip.Create([Joining(0), Up(2), Up(1), Up(3)]);
        Assert.Equal(Node(1), gossip.Leader(Node(3)));
    }

    [Fact]
    public void The_leader_skips_unreachable_and_down_members()
    {
        var gossip = Gossip.Create([Up(1).Copy(MemberStatus.Down), Up(2), Up(3), Up(4)])
            .WithReachability(Reachability.Empty.Unreachable(Node(4), Node(2)));
        Assert.Equal(Node(3), gossip.Leader(Node(4)));
    }

    [Fact]
    public void A_node_counts_itself_reachable_when_choosing_the_leader()
    {
        var gossip = Gossip.Create([Up(1), Up(2)]).WithReachability(Reachability.Empty.Unreachable(Node(2), Node(1)));
        Assert.Equal(Node(1), gossip.Leader(Node(1)));
        Assert.Equal(Node(2), gossip.Leader(Node(2)));
    }

    [Fact]
    public void Without_up_or_leaving_members_the_leader_falls_back_to_the_lowest_joining_one()
    {
        Assert.Equal(Node(2), Gossip.Create([Joining(3), Joining(2)]).Leader(Node(3)));
        Assert.Equal(Node(1), Gossip.Create([WithStatus(1, MemberStatus.Leaving), Up(2)]).Leader(Node(2)));
        Assert.Null(Gossip.Empty.Leader(Node(1)));
        Assert.Null(Gossip.Create([Up(1).Copy(MemberStatus.Down)]).Leader(Node(1)));
    }

    [Fact]
    public void The_oldest_is_the_lowest_up_number_among_up_and_leaving_members_with_the_role()
    {
        var gossip = Gossip.Create([Up(1, 3, "a"), Up(2, 2, "b"), Joining(0, "a"), WithStatus(3, MemberStatus.Leaving, 4, "a"), WithStatus(4, MemberStatus.Exiting, 1, "a")]);
        Assert.Equal(Node(2), gossip.Oldest(null)!.UniqueAddress);
        Assert.Equal(Node(1), gossip.Oldest("a")!.UniqueAddress);
        Assert.Null(gossip.Oldest("c"));
    }

    [Fact]
    public void Reachable_and_unreachable_members_split_the_members_from_a_nodes_view()
    {
        var gossip = Gossip.Create([Up(1), Up(2), Up(3)])
            .WithReachability(Reachability.Empty.Unreachable(Node(2), Node(1)).Unreachable(Node(1), Node(3)));
        Assert.Equal([Node(1), Node(2)], gossip.ReachableMembers(Node(1)).Select(m => m.UniqueAddress));
        Assert.Equal([Node(3)], gossip.UnreachableMembers(Node(1)).Select(m => m.UniqueAddress));
        Assert.True(Gossip.Create([Up(1)]).IsSingletonCluster);
        Assert.False(gossip.IsSingletonCluster);
    }

    private static string Summary(Gossip gossip) =>
        string.Join(" ", gossip.Members.Select(m => $"{m.UniqueAddress}:{m.Status}:{m.UpNumber}"))
        + " | " + string.Join(" ", gossip.Tombstones.OrderBy(t => t.Key).Select(t => $"{t.Key}@{t.Value}"));

    private static Gossip RandomGossip(Random random)
    {
        var statuses = Enum.GetValues<MemberStatus>().Where(s => s != MemberStatus.Removed).ToArray();
        var gossip = Gossip.Empty;
        for (var n = 1; n <= 5; n++)
        {
            if (random.Next(4) == 0) continue;
            // Up numbers vary so that concurrent leaders' disagreements are exercised too.
            gossip = gossip.AddMember(WithStatus(n, statuses[random.Next(statuses.Length)], upNumber: random.Next(1, 4)));
        }

        if (random.Next(3) == 0)
        {
            var node = Node(random.Next(1, 6));
            gossip = gossip.RemoveMember(node, nowMillis: random.Next(1, 3));
        }

        return gossip.Increment(Node(random.Next(1, 6)));
    }
}
