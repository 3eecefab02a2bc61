using Akka.Actor;
using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>A leader's ISR changes reaching the controller from another node through the singleton proxy.</summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class AlterPartitionTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
    public async Task An_isr_change_is_persisted_and_published_and_one_based_on_an_old_partition_epoch_gets_the_current_state()
    {
        var nodes = await StartBrokersAsync(2);
        var away = nodes.Single(n => n != ControllerNodeOf(nodes)); // the ask and its answer cross the wire
        AssertOk(await CreateTopicAsync(nodes[0], "isr", 1, 2));
        var before = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("isr"), "every node has the topic")).Topics["isr"].Partitions[0];
        var (leader, follower) = (before.Leader!, before.Replicas.Single(r => r != before.Leader));
        var partition = new TopicPartition("isr", 0);

        var shrunk = await AlterIsrAsync(away, partition, leader);

        Assert.Equal((ErrorCode.None, leader, before.LeaderEpoch, before.PartitionEpoch + 1), (shrunk.Error, shrunk.Leader, shrunk.LeaderEpoch, shrunk.PartitionEpoch));
        Assert.Equal([leader], shrunk.Isr);
        await AwaitConvergedAsync(nodes, i => i.Topics["isr"].Partitions[0].Isr.Count == 1, "every node sees the ISR shrunk");

        var stale = await Brokers[away].ControllerProxy.Ask<Broker.Controller.AlterPartitionResponse>(
            new Broker.Controller.AlterPartition(partition, Brokers[away].Metadata.Current.Topics["isr"].TopicId, leader, before.LeaderEpoch, before.PartitionEpoch, [leader, follower]), Long);
        Assert.Equal((ErrorCode.InvalidUpdateVersion, shrunk.PartitionEpoch), (stale.Error, stale.PartitionEpoch));
        Assert.Equal([leader], stale.Isr);

        var expanded = await AlterIsrAsync(away, partition, leader, follower);
        Assert.Equal((ErrorCode.None, before.PartitionEpoch + 2), (expanded.Error, expanded.PartitionEpoch));
        var after = (await AwaitConvergedAsync(nodes, i => i.Topics["isr"].Partitions[0].Isr.Count == 2, "every node sees the ISR expanded")).Topics["isr"].Partitions[0];
        Assert.Equal([leader, follower], after.Isr);
        Assert.Equal((leader, before.LeaderEpoch), (after.Leader, after.LeaderEpoch));
    }

    [Fact]
    public async Task An_isr_change_is_answered_only_once_a_majority_of_the_nodes_stored_it()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        AssertOk(await CreateTopicAsync(controllerNode, "durable", 1, 3));
        var before = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("durable"), "every node has the topic")).Topics["durable"].Partitions[0];
        var image = Brokers[controllerNode].Metadata.Current;
        Assert.True(image.TryGetPartition(new TopicPartition("durable", 0), out var topic, out _));

        // Cut off for a moment (shorter than failure detection): only the controller's own node can store the shrink.
        await Nodes.PartitionAsync([controllerNode], nodes.Where(n => n != controllerNode));
        var leader = CreateTestProbe(controllerNode);
        leader.Send(Brokers[controllerNode].ControllerProxy, new Broker.Controller.AlterPartition(
            new TopicPartition("durable", 0), topic.TopicId, before.Leader!, before.LeaderEpoch, before.PartitionEpoch, [before.Leader!]));
        await leader.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(1500)); // 1 of 3 nodes stored it: no answer yet

        await Nodes.HealAllAsync(); // the controller re-sends the image; the others store it and say so
        var answer = await leader.ExpectMsgAsync<Broker.Controller.AlterPartitionResponse>(Long);
        Assert.Equal((ErrorCode.None, before.PartitionEpoch + 1), (answer.Error, answer.PartitionEpoch));
        Assert.Equal([before.Leader!], answer.Isr);
    }
}
