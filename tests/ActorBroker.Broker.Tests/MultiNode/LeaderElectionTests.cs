using Akka.Actor;
using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>The controller's elections when nodes die and come back, with the partition entity following the leader.</summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class LeaderElectionTests(ITestOutputHelper output)
    : BrokerClusterTestBase(output, "actorbroker.broker.controller.leader-imbalance-check-interval = 300ms")
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task Killing_a_leaders_node_elects_the_next_in_sync_replica_with_a_new_epoch_and_the_partition_entity_moves_there()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "replicated", 3, 3));
        var before = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("replicated"), "every node has the topic")).Topics["replicated"];
        var controllerNode = ControllerNodeOf(nodes);
        var victim = nodes.Last(n => n != controllerNode);
        var lost = NodeIdOf(victim);
        var led = before.Partitions.Single(p => p.Leader == lost);
        var partition = new TopicPartition("replicated", led.Partition);
        Assert.Equal(0, (await ProduceUntilAnsweredAsync(controllerNode, partition)).BaseOffset);
        Assert.Equal(PortOf(victim), LastProducedOn(partition));

        await Nodes.KillAsync(victim);

        var survivors = nodes.Where(n => n != victim).ToList();
        var after = (await AwaitConvergedAsync(survivors, i => i.Nodes.Count == 2 && i.Topics["replicated"].Partitions.All(p => !p.Isr.Contains(lost)),
            "the survivors see the lost node out of every ISR")).Topics["replicated"];
        var elected = after.Partitions[led.Partition];
        var heir = led.Replicas.First(r => r != lost); // the next replica in replica order; all were in sync
        Assert.Equal((heir, led.LeaderEpoch + 1, led.PartitionEpoch + 1), (elected.Leader, elected.LeaderEpoch, elected.PartitionEpoch));
        Assert.Equal(led.Isr.Where(r => r != lost), elected.Isr);
        Assert.Equal(led.Replicas, elected.Replicas);
        // Where it only followed, it just left the ISR: same leader and leader epoch, next partition epoch.
        Assert.All(after.Partitions.Where(p => p.Partition != led.Partition), p =>
        {
            var was = before.Partitions[p.Partition];
            Assert.Equal((was.Leader, was.LeaderEpoch, was.PartitionEpoch + 1), (p.Leader, p.LeaderEpoch, p.PartitionEpoch));
        });

        Assert.Equal(ErrorCode.None, (await ProduceUntilAnsweredAsync(survivors[1], partition)).Error);
        var heirPort = PortOf(survivors.Single(n => NodeIdOf(n) == heir));
        Assert.Equal(heirPort, LastProducedOn(partition));
        Assert.Contains(Partitions.Entries, e => e.StartsWith($"start@{heirPort}:{partition}:{before.TopicId}:", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_single_replica_partition_stays_offline_while_a_replicated_one_is_elected_elsewhere()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        var victim = nodes.Last(n => n != controllerNode);
        AssertOk(await CreateTopicAsync(nodes[0], "single", 3));
        AssertOk(await CreateTopicAsync(nodes[0], "double", 3, 2));
        var before = await AwaitConvergedAsync(nodes, i => i.Topics.Count == 2, "every node has both topics");
        var lost = NodeIdOf(victim);

        await Nodes.KillAsync(victim);

        var survivors = nodes.Where(n => n != victim).ToList();
        var after = await AwaitConvergedAsync(survivors, i => i.Nodes.Count == 2 && i.Topics["double"].Partitions.All(p => p.Leader is not null),
            "every replicated partition has a leader on the survivors");
        var single = after.Topics["single"].Partitions.Single(p => p.Replicas[0] == lost);
        Assert.Equal((null, 1), (single.Leader, single.LeaderEpoch));
        Assert.Equal([lost], single.Isr); // kept, so it is the one to lead when it is back
        Assert.Equal(ErrorCode.LeaderNotAvailable, single.Error);
        var moved = after.Topics["double"].Partitions.Where(p => before.Topics["double"].Partitions[p.Partition].Leader == lost).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, p =>
        {
            Assert.Equal((p.Replicas[1], 1), (p.Leader, p.LeaderEpoch));
            Assert.Equal([p.Replicas[1]], p.Isr);
        });
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_restarted_preferred_replica_leads_again_once_it_is_back_in_the_isr()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "preferred", 3, 2));
        var before = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("preferred"), "every node has the topic")).Topics["preferred"];
        var controllerNode = ControllerNodeOf(nodes);
        var victim = nodes.Last(n => n != controllerNode);
        var id = NodeIdOf(victim);
        var led = before.Partitions.Single(p => p.Replicas[0] == id);
        var partition = new TopicPartition("preferred", led.Partition);

        await Nodes.KillAsync(victim);
        var survivors = nodes.Where(n => n != victim).ToList();
        var failedOver = (await AwaitConvergedAsync(survivors, i => i.Topics["preferred"].Partitions[led.Partition].Leader == led.Replicas[1],
            "the second replica leads")).Topics["preferred"].Partitions[led.Partition];
        var restarted = await RestartBrokerAsync(victim);
        var all = survivors.Append(restarted).ToList();
        var rejoined = (await AwaitConvergedAsync(all, i => i.Nodes.Count == 3, "every node lists three broker nodes")).Topics["preferred"].Partitions[led.Partition];
        // Up again but out of the ISR: it may not lead until the leader says it caught up.
        Assert.DoesNotContain(id, rejoined.Isr);

        // The leader reports it caught up (the replica side does this once its fetches reach the log end).
        var expanded = await AlterIsrAsync(survivors[0], partition, [failedOver.Leader!, id]);
        Assert.Equal((ErrorCode.None, failedOver.PartitionEpoch + 1), (expanded.Error, expanded.PartitionEpoch));

        var back = (await AwaitConvergedAsync(all, i => i.Topics["preferred"].Partitions[led.Partition].Leader == id,
            "the preferred replica leads again")).Topics["preferred"].Partitions[led.Partition];
        Assert.Equal((failedOver.LeaderEpoch + 1, failedOver.PartitionEpoch + 2), (back.LeaderEpoch, back.PartitionEpoch));
        Assert.Equal([failedOver.Leader!, id], back.Isr);
        Assert.Equal(ErrorCode.None, (await ProduceUntilAnsweredAsync(survivors[0], partition)).Error);
        Assert.Equal(PortOf(restarted), LastProducedOn(partition));
    }
}
