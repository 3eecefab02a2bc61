using Akka.Actor;
using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

[Collection(BrokerNodesCollection.Name)]
public sealed class ControllerFailoverTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task The_controllers_topics_survive_its_node_being_killed_the_epoch_grows_and_every_cache_keeps_working()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        ActorSystem survivorOf(int i) => nodes.Where(n => n != controllerNode).ElementAt(i);
        AssertOk(await CreateTopicAsync(survivorOf(0), "kept", 6));
        AssertOk(await CreateTopicAsync(survivorOf(1), "wide", 1, 3));
        var before = await AwaitConvergedAsync(nodes, i => i.Topics.Count == 2, "every node has both topics");
        var kept = before.Topics["kept"];

        await Nodes.KillAsync(controllerNode);

        var survivors = nodes.Where(n => n != controllerNode).ToList();
        var lost = NodeIdOf(controllerNode);
        var after = await AwaitConvergedAsync(survivors, i => i.ControllerEpoch > before.ControllerEpoch && i.Nodes.Count == 2,
            "the survivors hear from a controller of a later epoch that counts two nodes");
        Assert.True(after.Version > before.Version);
        var recovered = after.Topics["kept"];
        Assert.Equal(kept.TopicId, recovered.TopicId);
        Assert.Equal(kept.Partitions.Select(p => string.Join(",", p.Replicas)), recovered.Partitions.Select(p => string.Join(",", p.Replicas)));
        Assert.All(recovered.Partitions, p => Assert.Equal(p.Replicas[0] == lost ? null : p.Replicas[0], p.Leader));

        // The new controller answers admin requests and the caches take its images.
        AssertOk(await CreateTopicAsync(survivors[1], "later", 2));
        await AwaitConvergedAsync(survivors, i => i.Topics.ContainsKey("later"), "both survivors have the topic created after failover");
        await RefusedWithAsync(survivors[0], "wide", ErrorCode.InvalidReplicationFactor, "replication factor 3 is larger than the 2 live broker nodes");

        // Partitions on the survivors still take produces from either survivor; the lost node's partitions have no leader.
        var onSurvivor = recovered.Partitions.First(p => p.Leader is not null);
        var offline = recovered.Partitions.First(p => p.Leader is null);
        Assert.Equal(ErrorCode.None, (await ProduceUntilAnsweredAsync(survivors[0], new TopicPartition("kept", onSurvivor.Partition))).Error);
        var refused = await AskFrontAsync<Protocol.Messages.ProduceResponse>(survivors[1], Produce(new TopicPartition("kept", offline.Partition), 77));
        Assert.Equal((ErrorCode.LeaderNotAvailable, 77L), (refused.Error, refused.CorrelationId));

        // Deleting it reaches the partitions on the survivors; the lost node's logs stay where they are.
        AssertOk(await DeleteTopicAsync(survivors[1], "kept"));
        var deleted = Partitions.Entries.Where(e => e.StartsWith("delete@", StringComparison.Ordinal) && e.EndsWith($":{kept.TopicId}", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal(recovered.Partitions.Count(p => p.Leader is not null), deleted.Count);
        Assert.DoesNotContain(deleted, e => e.StartsWith($"delete@{PortOf(controllerNode)}:", StringComparison.Ordinal));
        await AwaitConvergedAsync(survivors, i => !i.Topics.ContainsKey("kept") && i.DeletingTopics.Count == 0, "both survivors forgot the topic");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Elections_by_a_controller_that_took_over_are_persisted_for_the_next_one()
    {
        var nodes = await StartBrokersAsync(3);
        var first = ControllerNodeOf(nodes);
        AssertOk(await CreateTopicAsync(nodes[1], "durable", 3, 3));
        var before = await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("durable"), "every node has the topic");
        var firstId = NodeIdOf(first);
        var led = before.Topics["durable"].Partitions.Single(p => p.Leader == firstId);

        await Nodes.KillAsync(first);

        var survivors = nodes.Where(n => n != first).ToList();
        var second = ControllerNodeOf(survivors);
        var third = survivors.Single(n => n != second);
        var failedOver = await AwaitConvergedAsync(survivors, i => i.ControllerEpoch > before.ControllerEpoch && i.Nodes.Count == 2,
            "the survivors hear from the controller that took over");
        var elected = failedOver.Topics["durable"].Partitions[led.Partition];
        Assert.Equal((led.Replicas[1], led.LeaderEpoch + 1), (elected.Leader, elected.LeaderEpoch));
        Assert.DoesNotContain(firstId, elected.Isr);

        // The first node is back but out of the ISR; then the second controller's node dies too.
        var restarted = await RestartBrokerAsync(first);
        await AwaitConvergedAsync([.. survivors, restarted], i => i.Nodes.Count == 3, "every node lists three broker nodes");
        await Nodes.KillAsync(second);

        // Had the election not been journaled, the third controller would recover the first node as leader (Up again, so kept).
        List<ActorSystem> remaining = [third, restarted];
        var recovered = (await AwaitConvergedAsync(remaining, i => i.ControllerEpoch > failedOver.ControllerEpoch && i.Nodes.Count == 2,
            "the remaining nodes hear from a third controller")).Topics["durable"].Partitions[led.Partition];
        Assert.Equal(NodeIdOf(third), recovered.Leader);
        Assert.Equal([NodeIdOf(third)], recovered.Isr);
        // One more election if the second controller's node was the one leading.
        Assert.Equal(led.LeaderEpoch + (elected.Leader == NodeIdOf(second) ? 2 : 1), recovered.LeaderEpoch);
    }

    private async Task RefusedWithAsync(ActorSystem node, string topic, ErrorCode error, string message)
    {
        var response = await CreatePartitionsAsync(node, topic, 2);
        Assert.Equal(error, response.Error);
        Assert.Contains(message, response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_killed_leaders_partitions_go_offline_and_come_back_when_the_node_restarts_on_its_endpoint()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "comeback", 3));
        var topic = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("comeback"), "every node has the topic")).Topics["comeback"];
        var controllerNode = ControllerNodeOf(nodes);
        var victim = nodes.Last(n => n != controllerNode);
        var led = new TopicPartition("comeback", topic.Partitions.First(p => p.Leader == NodeIdOf(victim)).Partition);
        Assert.Equal(0, (await ProduceUntilAnsweredAsync(controllerNode, led)).BaseOffset);

        await Nodes.KillAsync(victim);

        var survivors = nodes.Where(n => n != victim).ToList();
        await AwaitConvergedAsync(survivors, i => i.Topics["comeback"].Partitions[led.Partition].Leader is null, "the survivors see the partition offline");
        var offline = await AskFrontAsync<Protocol.Messages.FetchResponse>(survivors[1], new Protocol.Messages.FetchRequest(led, 0, 1024, 1, 10, -1, null, 5));
        Assert.Equal(ErrorCode.LeaderNotAvailable, offline.Error);

        var restarted = await RestartBrokerAsync(victim);

        var all = survivors.Append(restarted).ToList();
        await AwaitConvergedAsync(all, i => i.Nodes.Count == 3 && i.Topics["comeback"].Partitions[led.Partition].Leader == NodeIdOf(restarted),
            "the restarted node leads its partition again");
        var produced = await ProduceUntilAnsweredAsync(survivors[0], led);
        Assert.Equal(ErrorCode.None, produced.Error);
        Assert.Equal($"produce@{PortOf(restarted)}:{led}:0", Partitions.Entries.Last(e => e.StartsWith("produce@", StringComparison.Ordinal)));
    }
}
