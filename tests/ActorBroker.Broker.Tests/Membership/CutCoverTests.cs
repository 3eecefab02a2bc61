using ActorBroker.Broker.Membership;

namespace ActorBroker.Broker.Tests.Membership;

/// <summary>Members named by age: "a" is the oldest.</summary>
public sealed class CutCoverTests
{
    private static readonly string[] OldestFirst = ["a", "b", "c", "d", "e"];

    private static IReadOnlyList<string> Down(params (string, string)[] cuts) => CutCover.MembersToDown(cuts, OldestFirst);

    [Fact]
    public void One_cut_link_downs_only_the_younger_of_its_two_members()
    {
        Assert.Equal(["c"], Down(("b", "c")));
        Assert.Equal(["c"], Down(("c", "b"), ("b", "c"))); // seen from both ends: still one cut
    }

    [Fact]
    public void A_member_cut_from_two_others_is_the_one_downed_even_if_it_is_the_oldest()
    {
        Assert.Equal(["a"], Down(("a", "b"), ("a", "c")));
    }

    [Fact]
    public void Two_separate_cut_links_down_one_member_each()
    {
        Assert.Equal(["e", "c"], Down(("a", "c"), ("d", "e")));
    }

    [Fact]
    public void A_cut_chain_downs_its_middle_member_not_both_ends()
    {
        Assert.Equal(["b"], Down(("a", "b"), ("b", "c")));
    }

    [Fact]
    public void A_triangle_of_cuts_downs_two_keeping_the_oldest()
    {
        Assert.Equal(["c", "b"], Down(("a", "b"), ("b", "c"), ("a", "c")));
    }

    [Fact]
    public void No_cuts_or_only_self_cuts_down_nobody()
    {
        Assert.Empty(Down());
        Assert.Empty(Down(("b", "b")));
    }

    [Fact]
    public void Past_the_exact_limit_the_greedy_cover_still_covers_every_cut()
    {
        var members = Enumerable.Range(0, 40).Select(i => $"m{i:00}").ToList();
        var cuts = Enumerable.Range(1, 39).Select(i => (members[0], members[i])).Concat([(members[5], members[6])]).ToList();

        var down = CutCover.MembersToDown(cuts, members);

        Assert.Equal(["m00", "m06"], down); // the hub, then the younger end of the one cut left
        Assert.All(cuts, c => Assert.True(down.Contains(c.Item1) || down.Contains(c.Item2)));
    }
}
