using ActorBroker.Broker.Controller;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Tests.Controller;

public sealed class ReassignmentRulesTests
{
    private static readonly Guid TopicId = Guid.NewGuid();
    private static readonly Func<string, bool> IsUp = new[] { "a", "b", "c", "d" }.Contains;

    /// <summary>t-0: replicas a, b, c, led by a in leader epoch 2, all in sync, partition epoch 5.</summary>
    private static ControllerState State()
    {
        var state = new ControllerState();
        state.Apply(new TopicCreated("t", TopicId, new Dictionary<string, string>(), [new(["a", "b", "c"], "a", 2, ["a", "b", "c"], 5)]));
        return state;
    }

    private static AlterPartitionReassignmentsRequest Move(string replicas, string topic = "t", int partition = 0) =>
        new(topic, partition, replicas.Length == 0 ? [] : replicas.Split(','), 1);

    public static TheoryData<AlterPartitionReassignmentsRequest, ErrorCode, string> Refusals => new()
    {
        { Move("a,b,d", topic: "other"), ErrorCode.UnknownTopicOrPartition, "other-0 does not exist" },
        { Move("a,b,d", partition: 1), ErrorCode.UnknownTopicOrPartition, "t-1 does not exist" },
        { Move(""), ErrorCode.InvalidReplicaAssignment, "empty" },
        { Move("a,b,b"), ErrorCode.InvalidReplicaAssignment, "twice" },
        { Move("a,d"), ErrorCode.InvalidReplicaAssignment, "has 3 replicas but the target lists 2" },
        { Move("a,b,c,d"), ErrorCode.InvalidReplicaAssignment, "keeps the replication factor" },
        { Move("a,b,e"), ErrorCode.InvalidReplicaAssignment, "e is not a broker node that is Up" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_target_is_refused(AlterPartitionReassignmentsRequest request, ErrorCode error, string message)
    {
        var rejection = ReassignmentRules.Check(request, State(), IsUp);

        Assert.Equal(error, rejection?.Error);
        Assert.Contains(message, rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_reassignment_of_the_partition_waits_for_the_first()
    {
        var state = State();
        Assert.Null(ReassignmentRules.Check(Move("d,b,c"), state, IsUp));
        state.Apply(new PartitionReassignmentStarted("t", TopicId, 0, ["d", "b", "c"], ReassignmentRules.Start(state.Topics["t"].Partitions[0], ["d", "b", "c"])));

        var rejection = ReassignmentRules.Check(Move("a,b,c"), state, IsUp);

        Assert.Equal(ErrorCode.ReassignmentInProgress, rejection?.Error);
        Assert.Contains("being moved to [d, b, c]; waiting for [d]", rejection?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_one_adds_the_target_replicas_first_and_keeps_leader_and_isr()
    {
        var started = ReassignmentRules.Start(State().Topics["t"].Partitions[0], ["d", "c", "b"]);

        Assert.Equal("d,c,b,a|a|2|a,b,c|6", Assignments.Show(started));
    }

    [Fact]
    public void Step_two_waits_for_every_adding_replica_then_hands_leadership_to_the_first_target_replica_in_sync()
    {
        var moving = new PartitionAssignment(["d", "c", "b", "a"], "a", 2, ["a", "b", "c"], 6);
        var reassignment = new PartitionReassignment(["d", "c", "b"], ["d"]);

        Assert.Null(ReassignmentRules.Complete(moving, reassignment, IsUp));
        var done = ReassignmentRules.Complete(moving with { Isr = ["a", "b", "c", "d"], PartitionEpoch = 7 }, reassignment, IsUp);

        Assert.Equal("d,c,b|d|3|b,c,d|8", Assignments.Show(done));
    }

    [Fact]
    public void Step_two_keeps_a_leader_that_is_in_the_target_and_drops_removed_replicas_from_the_isr()
    {
        var moving = new PartitionAssignment(["b", "d", "a"], "b", 2, ["a", "b", "d"], 6);

        var done = ReassignmentRules.Complete(moving, new PartitionReassignment(["b", "d"], ["d"]), IsUp);

        Assert.Equal("b,d|b|2|b,d|7", Assignments.Show(done));
    }

    [Fact]
    public void Step_two_waits_while_the_partition_is_offline_or_no_target_replica_can_lead()
    {
        var reassignment = new PartitionReassignment(["c", "d"], ["c", "d"]);
        var offline = new PartitionAssignment(["c", "d", "a", "b"], null, 3, ["a"], 6);
        var inSync = new PartitionAssignment(["c", "d", "a", "b"], "a", 2, ["a", "c", "d"], 6);

        Assert.Null(ReassignmentRules.Complete(offline, reassignment, IsUp));
        Assert.Null(ReassignmentRules.Complete(inSync, reassignment, new[] { "a" }.Contains));
        Assert.Equal("c", ReassignmentRules.Complete(inSync, reassignment, IsUp)?.Leader);
    }
}
