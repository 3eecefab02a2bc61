using ActorBroker.Actors;
using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>The controller's elections when nodes die and come back, with the partition entity following the leader.</summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class LeaderElectionTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
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
}
