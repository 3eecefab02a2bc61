using ActorBroker.Broker.Controller;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Tests.Controller;

/// <summary>Kafka's election rules on node loss, node return and preferred leader election, one partition at a time and over a whole state.</summary>
public sealed class LeaderElectionTests
{
    private static Func<string, bool> Up(params string[] nodes) => nodes.Contains;

    /// <summary>"leader|leader epoch|isr|partition epoch" (replicas never change here), so a wrong field shows at a glance.</summary>
    private static string Show(PartitionAssignment? a) => a is null ? "unchanged" : Assignments.Show(a)[(string.Join(",", a.Replicas).Length + 1)..];

    private static string Show((PartitionAssignment After, PartitionUpdateKind Kind)? change) =>
        change is { } c ? $"{c.Kind}:{Show(c.After)}" : "unchanged";

    private static readonly PartitionAssignment Abc = new(["a", "b", "c"], "a", 4, ["a", "b", "c"], 7);

    [Fact]
    public void A_follower_whose_node_left_leaves_the_isr_and_the_leader_stays()
    {
        Assert.Equal("FollowersLeftIsr:a|4|a,c|8", Show(LeaderElection.OnMembership(Abc, Up("a", "c"), unclean: false)));
        Assert.Equal("FollowersLeftIsr:a|4|a|8", Show(LeaderElection.OnMembership(Abc, Up("a"), unclean: false)));
    }

    [Fact]
    public void Nothing_changes_while_the_leader_and_every_in_sync_replica_are_up()
    {
        Assert.Null(LeaderElection.OnMembership(Abc, Up("a", "b", "c"), unclean: false));
        // A replica outside the ISR being down is no change either.
        Assert.Null(LeaderElection.OnMembership(Abc with { Isr = ["a", "b"] }, Up("a", "b"), unclean: false));
    }

    [Fact]
    public void A_lost_leader_is_replaced_by_the_first_replica_in_replica_order_that_is_in_sync_and_up()
    {
        // Replica order decides, not ISR order: b comes before c.
        Assert.Equal("LeaderFailover:b|5|c,b|8", Show(LeaderElection.OnMembership(Abc with { Isr = ["c", "a", "b"] }, Up("b", "c"), unclean: false)));
        // b is Up but not in sync, so c leads.
        Assert.Equal("LeaderFailover:c|5|c|8", Show(LeaderElection.OnMembership(Abc with { Isr = ["a", "c"] }, Up("b", "c"), unclean: false)));
        // b is in sync but down too.
        Assert.Equal("LeaderFailover:c|5|c|8", Show(LeaderElection.OnMembership(Abc, Up("c"), unclean: false)));
    }

    [Fact]
    public void With_no_in_sync_replica_up_the_partition_goes_offline_keeping_the_last_leader_in_the_isr()
    {
        var onlyLeaderInSync = Abc with { Isr = ["a"] };

        Assert.Equal("Offline:-|5|a|8", Show(LeaderElection.OnMembership(onlyLeaderInSync, Up("b", "c"), unclean: false)));
        // Every in-sync replica lost at once: the last leader is the one kept.
        Assert.Equal("Offline:-|5|a|8", Show(LeaderElection.OnMembership(Abc with { Isr = ["b", "a"] }, Up("c"), unclean: false)));
    }

    [Fact]
    public void Unclean_election_takes_the_first_up_replica_alone_in_the_isr()
    {
        Assert.Equal("UncleanElection:b|5|b|8", Show(LeaderElection.OnMembership(Abc with { Isr = ["a"] }, Up("b", "c"), unclean: true)));
        // Unclean only when no in-sync replica is Up.
        Assert.Equal("LeaderFailover:c|5|c|8", Show(LeaderElection.OnMembership(Abc with { Isr = ["a", "c"] }, Up("b", "c"), unclean: true)));
        // Nobody Up at all: offline, unclean or not.
        Assert.Equal("Offline:-|5|a|8", Show(LeaderElection.OnMembership(Abc, Up(), unclean: true)));
    }

    [Fact]
    public void An_offline_partition_stays_offline_until_its_in_sync_replica_is_up_and_then_elects_it()
    {
        var offline = new PartitionAssignment(["a", "b", "c"], null, 5, ["a"], 8);

        Assert.Null(LeaderElection.OnMembership(offline, Up("b", "c"), unclean: false));
        Assert.Equal("BackOnline:a|6|a|9", Show(LeaderElection.OnMembership(offline, Up("a", "b", "c"), unclean: false)));
        // Unclean enabled later: any Up replica takes it.
        Assert.Equal("UncleanElection:b|6|b|9", Show(LeaderElection.OnMembership(offline, Up("b", "c"), unclean: true)));
    }

    [Fact]
    public void A_single_replica_partition_goes_offline_with_its_node_and_comes_back_with_it()
    {
        var single = PartitionAssignment.Initial(["a"]);

        var offline = LeaderElection.OnMembership(single, Up("b"), unclean: false)!.Value.After;
        var back = LeaderElection.OnMembership(offline, Up("a", "b"), unclean: false)!.Value.After;

        Assert.Equal("-|1|a|1", Show(offline));
        Assert.Equal("a|2|a|2", Show(back));
    }

    [Fact]
    public void The_preferred_replica_leads_again_only_when_it_is_up_in_sync_and_not_leading()
    {
        var led = Abc with { Leader = "b" };

        Assert.Equal("a|5|a,b,c|8", Show(LeaderElection.Preferred(led, Up("a", "b", "c"))));
        Assert.Null(LeaderElection.Preferred(led, Up("b", "c")));
        Assert.Null(LeaderElection.Preferred(led with { Isr = ["b", "c"] }, Up("a", "b", "c")));
        Assert.Null(LeaderElection.Preferred(Abc, Up("a", "b", "c")));
    }

    [Fact]
    public void Over_a_state_only_changed_partitions_are_listed_and_each_topic_uses_its_own_unclean_setting()
    {
        var state = new ControllerState();
        var strict = Guid.NewGuid();
        state.Apply(new TopicCreated("strict", strict, new Dictionary<string, string>(),
            [new(["a", "b"], "a", 0, ["a"], 0), new(["b", "a"], "b", 0, ["b", "a"], 0)]));
        state.Apply(new TopicCreated("lenient", Guid.NewGuid(), new Dictionary<string, string> { [TopicConfig.UncleanLeaderElectionKey] = "true" },
            [new(["a", "b"], "a", 0, ["a"], 0)]));
        state.Apply(new TopicCreated("doomed", Guid.NewGuid(), new Dictionary<string, string>(), [PartitionAssignment.Initial(["a", "b"])]));
        state.Apply(new TopicDeletionStarted("doomed", state.Topics["doomed"].TopicId));

        var updates = LeaderElection.OnMembership(state, Up("b"), TopicConfig.Default);

        Assert.Equal(
            ["lenient-0 UncleanElection b|1|b|1", "strict-0 Offline -|1|a|1", "strict-1 FollowersLeftIsr b|0|b|1"],
            updates.Select(u => $"{u.Partition} {u.Kind} {Show(u.After)}").Order(StringComparer.Ordinal));
        Assert.All(updates.Where(u => u.Partition.Topic == "strict"), u => Assert.Equal(strict, u.TopicId));
        // The broker default applies under the overrides: unclean everywhere.
        Assert.Contains(LeaderElection.OnMembership(state, Up("b"), TopicConfig.Default with { UncleanLeaderElectionEnable = true }),
            u => u.Partition == new TopicPartition("strict", 0) && u.Kind == PartitionUpdateKind.UncleanElection);
    }

    [Fact]
    public void Preferred_election_over_a_state_lists_only_partitions_whose_preferred_replica_can_lead()
    {
        var state = new ControllerState();
        state.Apply(new TopicCreated("t", Guid.NewGuid(), new Dictionary<string, string>(),
            [new(["a", "b"], "b", 1, ["a", "b"], 1), new(["a", "b"], "a", 0, ["a", "b"], 0), new(["c", "b"], "b", 1, ["b", "c"], 1), new(["b", "a"], "a", 1, ["a"], 1)]));

        var updates = LeaderElection.Preferred(state, Up("a", "b"));

        Assert.Equal(["t-0 PreferredElection a|2|a,b|2"], updates.Select(u => $"{u.Partition} {u.Kind} {Show(u.After)}"));
    }

    [Fact]
    public void Preferred_election_over_a_state_skips_partitions_being_reassigned()
    {
        var state = new ControllerState();
        var id = Guid.NewGuid();
        state.Apply(new TopicCreated("t", id, new Dictionary<string, string>(), [new(["a", "b"], "b", 1, ["a", "b"], 1), new(["a", "b"], "b", 1, ["a", "b"], 1)]));
        state.Apply(new PartitionReassignmentStarted("t", id, 1, ["a", "c"], new(["a", "c", "b"], "b", 1, ["a", "b"], 2)));

        var updates = LeaderElection.Preferred(state, Up("a", "b", "c"));

        Assert.Equal(["t-0 PreferredElection a|2|a,b|2"], updates.Select(u => $"{u.Partition} {u.Kind} {Show(u.After)}"));
    }
}
