using ActorBroker.Broker.Controller;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Tests.Controller;

public sealed class TopicRequestRulesTests
{
    private static readonly BrokerSettings Settings = new() { DefaultPartitions = 3, DefaultReplicationFactor = 2, MaxPartitions = 10 };

    private static ControllerState StateWith(string topic, int partitions)
    {
        var state = new ControllerState();
        state.Apply(new TopicCreated(topic, Guid.NewGuid(), new Dictionary<string, string>(),
            [.. Enumerable.Range(0, partitions).Select(_ => PartitionAssignment.Initial(["a", "b"]))]));
        return state;
    }

    private static CreateTopicRequest Create(string name, int partitions, short replicationFactor) =>
        new(name, partitions, replicationFactor, new Dictionary<string, string>(), 1);

    [Fact]
    public void Minus_one_takes_the_broker_defaults_for_partitions_and_replication_factor()
    {
        Assert.Null(TopicRequestRules.CheckCreate(Create("t", -1, -1), new ControllerState(), 2, Settings, out var partitions, out var replicationFactor));
        Assert.Equal((3, (short)2), (partitions, replicationFactor));
    }

    [Fact]
    public void The_cluster_wide_partition_limit_bounds_new_topics_and_added_partitions()
    {
        var state = StateWith("t", 8);

        var create = TopicRequestRules.CheckCreate(Create("u", 3, 1), state, 2, Settings, out _, out _);
        var grow = TopicRequestRules.CheckCreatePartitions(new CreatePartitionsRequest("t", 11, 1), state, 2, Settings);

        Assert.Equal(ErrorCode.InvalidPartitions, create?.Error);
        Assert.Contains("actorbroker.broker.controller.max-partitions (10)", create?.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.InvalidPartitions, grow?.Error);
        Assert.Null(TopicRequestRules.CheckCreate(Create("u", 2, 1), state, 2, Settings, out _, out _));
    }

    [Fact]
    public void The_name_is_checked_before_anything_else()
    {
        var rejection = TopicRequestRules.CheckCreate(Create("no way", 0, 0), new ControllerState(), 0, Settings, out _, out _);

        Assert.Equal(ErrorCode.InvalidTopic, rejection?.Error);
    }

    [Fact]
    public void A_topic_being_deleted_cannot_be_created_or_grown_but_may_be_deleted_again()
    {
        var state = StateWith("t", 1);
        state.Apply(new TopicDeletionStarted("t", state.Topics["t"].TopicId));

        Assert.Equal(ErrorCode.TopicAlreadyExists, TopicRequestRules.CheckCreate(Create("t", 1, 1), state, 2, Settings, out _, out _)?.Error);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, TopicRequestRules.CheckCreatePartitions(new CreatePartitionsRequest("t", 2, 1), state, 2, Settings)?.Error);
        Assert.Null(TopicRequestRules.CheckDelete(new DeleteTopicRequest("t", 1), state));
    }

    [Fact]
    public void Growing_a_topic_whose_first_partition_is_being_moved_uses_the_replication_factor_not_the_longer_replica_list()
    {
        var state = StateWith("t", 1);
        var topic = state.Topics["t"];
        state.Apply(new PartitionReassignmentStarted("t", topic.TopicId, 0, ["b", "c"], ReassignmentRules.Start(topic.Partitions[0], ["b", "c"])));

        Assert.Equal(3, state.Topics["t"].Partitions[0].Replicas.Count);
        Assert.Equal(2, state.ReplicationFactorOf(state.Topics["t"]));
        Assert.Null(TopicRequestRules.CheckCreatePartitions(new CreatePartitionsRequest("t", 2, 1), state, 2, Settings));
    }
}
