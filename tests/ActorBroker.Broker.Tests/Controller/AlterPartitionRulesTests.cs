using ActorBroker.Broker.Controller;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Tests.Controller;

public sealed class AlterPartitionRulesTests
{
    private static readonly Guid TopicId = Guid.NewGuid();
    private static readonly TopicPartition Partition = new("t", 0);

    /// <summary>t-0: replicas a, b, c, d; leader a in leader epoch 3; ISR a, b; partition epoch 9. Up: a, b, c (not d).</summary>
    private static ControllerState State()
    {
        var state = new ControllerState();
        state.Apply(new TopicCreated("t", TopicId, new Dictionary<string, string>(), [new(["a", "b", "c", "d"], "a", 3, ["a", "b"], 9)]));
        return state;
    }

    private static readonly Func<string, bool> IsUp = new[] { "a", "b", "c" }.Contains;

    private static AlterPartition Request(string leader = "a", int leaderEpoch = 3, int partitionEpoch = 9, string isr = "a,b,c",
        TopicPartition? partition = null, Guid? topicId = null) =>
        new(partition ?? Partition, topicId ?? TopicId, leader, leaderEpoch, partitionEpoch, isr.Length == 0 ? [] : isr.Split(','));

    public static TheoryData<string, AlterPartition, ErrorCode, string> Refusals => new()
    {
        { "unknown topic", Request(partition: new TopicPartition("other", 0)), ErrorCode.UnknownTopicOrPartition, "does not exist" },
        { "unknown partition", Request(partition: new TopicPartition("t", 1)), ErrorCode.UnknownTopicOrPartition, "does not exist" },
        { "topic id of an older topic", Request(topicId: Guid.NewGuid()), ErrorCode.UnknownTopicOrPartition, "does not exist" },
        { "not the leader", Request(leader: "b"), ErrorCode.FencedLeaderEpoch, "a leads in epoch 3" },
        { "older leader epoch", Request(leaderEpoch: 2), ErrorCode.FencedLeaderEpoch, "is not the leader" },
        { "newer leader epoch", Request(leaderEpoch: 4), ErrorCode.FencedLeaderEpoch, "is not the leader" },
        { "stale partition epoch", Request(partitionEpoch: 8), ErrorCode.InvalidUpdateVersion, "partition epoch 8" },
        { "partition epoch from the future", Request(partitionEpoch: 10), ErrorCode.InvalidUpdateVersion, "but the partition is at 9" },
        { "empty ISR", Request(isr: ""), ErrorCode.InvalidRequest, "empty" },
        { "duplicate member", Request(isr: "a,b,b"), ErrorCode.InvalidRequest, "twice" },
        { "leader left out", Request(isr: "b,c"), ErrorCode.IneligibleReplica, "leaves out the leader a" },
        { "not a replica", Request(isr: "a,e"), ErrorCode.IneligibleReplica, "e is not a replica" },
        { "new member not Up", Request(isr: "a,b,d"), ErrorCode.IneligibleReplica, "d cannot join the ISR" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_change_is_refused_with_kafkas_error(string why, AlterPartition request, ErrorCode error, string message)
    {
        var rejection = AlterPartitionRules.Check(request, State(), IsUp);

        Assert.True(rejection is not null, $"{why}: accepted");
        Assert.Equal(error, rejection.Value.Error);
        Assert.Contains(message, rejection.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleting_topics_partition_takes_no_isr_change()
    {
        var state = State();
        state.Apply(new TopicDeletionStarted("t", TopicId));

        Assert.Equal(ErrorCode.UnknownTopicOrPartition, AlterPartitionRules.Check(Request(), state, IsUp)?.Error);
    }

    [Fact]
    public void Expanding_and_shrinking_are_accepted_and_bump_only_the_partition_epoch()
    {
        var state = State();
        var current = state.Topics["t"].Partitions[0];

        Assert.Null(AlterPartitionRules.Check(Request(isr: "a,b,c"), state, IsUp));
        Assert.Null(AlterPartitionRules.Check(Request(isr: "a"), state, IsUp));
        var expanded = AlterPartitionRules.Apply(current, ["a", "b", "c"]);
        var shrunk = AlterPartitionRules.Apply(current, ["a"]);

        Assert.Equal("a,b,c,d|a|3|a,b,c|10", Assignments.Show(expanded));
        Assert.Equal("a,b,c,d|a|3|a|10", Assignments.Show(shrunk));
    }

    [Fact]
    public void A_member_already_in_the_isr_may_stay_while_its_node_is_not_up_and_the_same_isr_is_no_change()
    {
        var state = new ControllerState();
        // b is in the ISR and its node is not Up yet (the controller removes it when it sees the node leave).
        state.Apply(new TopicCreated("t", TopicId, new Dictionary<string, string>(), [new(["a", "b", "c"], "a", 3, ["a", "b"], 9)]));

        Assert.Null(AlterPartitionRules.Check(Request(isr: "b,a"), state, new[] { "a" }.Contains));
        Assert.Null(AlterPartitionRules.Apply(state.Topics["t"].Partitions[0], ["b", "a"]));
    }
}
