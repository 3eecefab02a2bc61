using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>Moving a partition to other nodes: the target replicas join as followers, and once in sync the old ones go.</summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class ReassignmentTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
    public async Task A_partition_moves_to_its_target_replicas_once_the_new_one_is_in_sync_and_the_entity_follows_the_new_leader()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "moving", 1, 2));
        var before = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("moving"), "every node has the topic")).Topics["moving"].Partitions[0];
        var (leader, follower) = (before.Replicas[0], before.Replicas[1]);
        var newcomer = nodes.Select(NodeIdOf).Single(n => n != leader && n != follower);
        var partition = new TopicPartition("moving", 0);

        // The leader is not in the target: it must hand over to the newcomer at the end.
        AssertOk(await ReassignAsync(nodes[1], "moving", [newcomer, follower]));

        var started = (await AwaitConvergedAsync(nodes, i => i.Topics["moving"].Partitions[0].Replicas.Count == 3, "every node sees the adding replica")).Topics["moving"].Partitions[0];
        Assert.Equal([newcomer, follower, leader], started.Replicas);
        Assert.Equal((leader, before.LeaderEpoch, before.PartitionEpoch + 1), (started.Leader, started.LeaderEpoch, started.PartitionEpoch));
        Assert.Equal(before.Isr, started.Isr);
        var second = await ReassignAsync(nodes[2], "moving", [leader, newcomer]);
        Assert.Equal(ErrorCode.ReassignmentInProgress, second.Error);
        Assert.Contains($"waiting for [{newcomer}]", second.ErrorMessage, StringComparison.Ordinal);

        // The leader reports the newcomer caught up; step 2 is stored in the same write.
        var caughtUp = await AlterIsrAsync(nodes[0], partition, [.. started.Isr, newcomer]);
        Assert.Equal((ErrorCode.None, newcomer, started.LeaderEpoch + 1), (caughtUp.Error, caughtUp.Leader, caughtUp.LeaderEpoch));

        var done = (await AwaitConvergedAsync(nodes, i => i.Topics["moving"].Partitions[0].Replicas.Count == 2, "every node sees the move completed")).Topics["moving"].Partitions[0];
        Assert.Equal([newcomer, follower], done.Replicas);
        Assert.Equal((newcomer, before.LeaderEpoch + 1, started.PartitionEpoch + 2), (done.Leader, done.LeaderEpoch, done.PartitionEpoch));
        Assert.Equal([follower, newcomer], done.Isr);
        Assert.Equal(ErrorCode.None, (await ProduceUntilAnsweredAsync(nodes[0], partition)).Error);
        Assert.Equal(PortOf(nodes.Single(n => NodeIdOf(n) == newcomer)), LastProducedOn(partition));
    }

    [Fact]
    public async Task A_target_with_a_node_that_is_not_up_or_the_wrong_count_is_refused()
    {
        var nodes = await StartBrokersAsync(2);
        AssertOk(await CreateTopicAsync(nodes[0], "fixed", 1, 2));
        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("fixed"), "every node has the topic");

        var unknown = await ReassignAsync(nodes[0], "fixed", [NodeIdOf(nodes[0]), "127.0.0.1:1"]);
        var tooFew = await ReassignAsync(nodes[1], "fixed", [NodeIdOf(nodes[0])]);
        var missing = await AskFrontAsync<TopicAdminResponse>(nodes[0], new AlterPartitionReassignmentsRequest("fixed", 5, [NodeIdOf(nodes[0])], 9));

        Assert.Equal(ErrorCode.InvalidReplicaAssignment, unknown.Error);
        Assert.Contains("127.0.0.1:1 is not a broker node that is Up", unknown.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(ErrorCode.InvalidReplicaAssignment, tooFew.Error);
        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 9L), (missing.Error, missing.CorrelationId));
    }

    private Task<TopicAdminResponse> ReassignAsync(ActorSystem node, string topic, IReadOnlyList<string> replicas) =>
        AskFrontAsync<TopicAdminResponse>(node, new AlterPartitionReassignmentsRequest(topic, 0, replicas, NextCorrelationId()));
}
