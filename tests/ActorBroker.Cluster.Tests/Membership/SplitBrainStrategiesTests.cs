using ActorBroker.Remote;
using static ActorBroker.Cluster.Tests.Membership.Nodes;

namespace ActorBroker.Cluster.Tests.Membership;

public sealed class SplitBrainStrategiesTests
{
    private static HashSet<UniqueAddress> Unreachable(params int[] nodes) => [.. nodes.Select(n => Node(n))];

    private static UniqueAddress[] NodesOf(params int[] nodes) => [.. nodes.Select(n => Node(n))];

    private static readonly Member[] Three = [Up(1, 1), Up(2, 2), Up(3, 3)];

    [Fact]
    public void Keep_majority_lets_the_two_survive_and_the_one_down_itself()
    {
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.KeepMajority(Three, Unreachable(3), role: null));
        Assert.Equal(DowningDecision.DownReachable, SplitBrainStrategies.KeepMajority(Three, Unreachable(1, 2), role: null));

        Assert.Equal(NodesOf(3), SplitBrainStrategies.NodesToDown(DowningDecision.DownUnreachable, Three, Unreachable(3)));
        Assert.Equal(NodesOf(3), SplitBrainStrategies.NodesToDown(DowningDecision.DownReachable, Three, Unreachable(1, 2)));
    }

    [Fact]
    public void Keep_majority_breaks_a_tie_in_favour_of_the_side_with_the_lowest_address()
    {
        Member[] four = [Up(4, 1), Up(3, 2), Up(2, 3), Up(1, 4)];
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.KeepMajority(four, Unreachable(3, 4), role: null));
        Assert.Equal(DowningDecision.DownReachable, SplitBrainStrategies.KeepMajority(four, Unreachable(1, 2), role: null));
    }

    [Fact]
    public void Keep_majority_counts_only_members_with_the_role_but_downs_the_whole_losing_side()
    {
        Member[] members = [Up(1, 1, "a"), Up(2, 2, "b"), Up(3, 3, "b"), Up(4, 4, "a"), Up(5, 5, "a")];
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.KeepMajority(members, Unreachable(4, 5), role: null));
        Assert.Equal(DowningDecision.DownReachable, SplitBrainStrategies.KeepMajority(members, Unreachable(4, 5), role: "a"));
        Assert.Equal(NodesOf(1, 2, 3), SplitBrainStrategies.NodesToDown(DowningDecision.DownReachable, members, Unreachable(4, 5)));
    }

    [Fact]
    public void Keep_majority_does_not_count_joining_members_but_downs_them_with_their_side()
    {
        Member[] members = [Up(1, 1), Up(2, 2), Up(3, 3), Joining(4), Joining(5)];
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.KeepMajority(members, Unreachable(3, 4, 5), role: null));
        Assert.Equal(NodesOf(3, 4, 5), SplitBrainStrategies.NodesToDown(DowningDecision.DownUnreachable, members, Unreachable(3, 4, 5)));
    }

    [Fact]
    public void Unreachable_members_already_down_count_as_gone_and_are_not_downed_again()
    {
        Member[] members = [Up(1, 1), Up(2, 2), Up(3, 3), Up(4, 4), Up(5, 5).Copy(MemberStatus.Down)];
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.KeepMajority(members, Unreachable(3, 4, 5), role: null));
        Assert.Equal(NodesOf(3, 4), SplitBrainStrategies.NodesToDown(DowningDecision.DownUnreachable, members, Unreachable(3, 4, 5)));
    }

    [Fact]
    public void Nothing_is_decided_without_unreachable_or_counted_members()
    {
        Assert.Equal(DowningDecision.None, SplitBrainStrategies.KeepMajority(Three, Unreachable(), role: null));
        Assert.Equal(DowningDecision.None, SplitBrainStrategies.KeepMajority([Joining(1), Joining(2)], Unreachable(2), role: null));
        Assert.Equal(DowningDecision.None, SplitBrainStrategies.KeepMajority(Three, Unreachable(3), role: "nobody"));
        Assert.Equal(DowningDecision.None, SplitBrainStrategies.StaticQuorum(Three, Unreachable(), quorumSize: 2, role: null));
        Assert.Empty(SplitBrainStrategies.NodesToDown(DowningDecision.None, Three, Unreachable(3)));
    }

    [Fact]
    public void Static_quorum_keeps_the_side_that_reaches_the_quorum()
    {
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.StaticQuorum(Three, Unreachable(3), quorumSize: 2, role: null));
        Assert.Equal(DowningDecision.DownReachable, SplitBrainStrategies.StaticQuorum(Three, Unreachable(1, 2), quorumSize: 2, role: null));
        Assert.Equal(DowningDecision.DownReachable, SplitBrainStrategies.StaticQuorum(Three, Unreachable(3), quorumSize: 3, role: null));
    }

    [Fact]
    public void Static_quorum_downs_everyone_once_the_cluster_outgrew_the_quorum()
    {
        Member[] four = [.. Three, Up(4, 4), Joining(5)];
        Assert.Equal(DowningDecision.DownAll, SplitBrainStrategies.StaticQuorum(four, Unreachable(4), quorumSize: 2, role: null));
        Assert.Equal(NodesOf(1, 2, 3, 4, 5), SplitBrainStrategies.NodesToDown(DowningDecision.DownAll, four, Unreachable(4)));
        // Joining members do not count toward outgrowing it.
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.StaticQuorum([.. Three, Joining(5)], Unreachable(5), quorumSize: 2, role: null));
    }

    [Fact]
    public void Static_quorum_counts_only_members_with_the_role()
    {
        Member[] members = [Up(1, 1, "a"), Up(2, 2, "b"), Up(3, 3, "a"), Up(4, 4, "b"), Up(5, 5, "b")];
        Assert.Equal(DowningDecision.DownReachable, SplitBrainStrategies.StaticQuorum(members, Unreachable(3), quorumSize: 2, role: "a"));
        Assert.Equal(DowningDecision.DownUnreachable, SplitBrainStrategies.StaticQuorum(members, Unreachable(1), quorumSize: 2, role: "b"));
    }

    [Fact]
    public void A_quorum_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SplitBrainStrategies.StaticQuorum(Three, Unreachable(3), quorumSize: 0, role: null));
    }
}
