using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

[Collection(BrokerNodesCollection.Name)]
public sealed class ReplicationTests(ITestOutputHelper output) : ReplicationTestBase(output)
{
    [Fact]
    public async Task Every_replica_stores_what_acks_all_acknowledged_and_the_partition_reads_in_order()
    {
        var nodes = await StartBrokersAsync(3);
        var topic = await CreateReplicatedTopicAsync(nodes, "copied", 1, 3, MinInsync2);
        var partition = new TopicPartition("copied", 0);

        for (var i = 0; i < 30; i++) Assert.True(await ProduceNumberAsync(() => nodes, partition, i), $"record {i} was not acknowledged");

        var read = await ReadAllAsync(nodes[1], partition);
        AssertInOrderOnce(Enumerable.Range(0, 30), read);
        // Every replica ends up with the same batches (one may lag for a moment on a busy machine, and catch up).
        await AwaitAsyncTask(async () => (await Task.WhenAll(nodes.Select(n => StoredBatchesAsync(topic.TopicId, partition, n)))).All(b => b.Count == read.Count),
            "every replica holds every batch");
        foreach (var node in nodes)
        {
            var stored = await StoredBatchesAsync(topic.TopicId, partition, node);
            Assert.Equal(Enumerable.Range(0, read.Count).Select(i => (long)i), stored.Select(b => b.BaseOffset));
        }

        await AwaitAsync(nodes[0], () => Brokers[nodes[0]].Metadata.Current.Topics["copied"].Partitions[0].Isr.Count == 3, "all three replicas are in sync");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Killing_the_leader_under_acks_all_load_loses_no_acknowledged_record_and_keeps_their_order()
    {
        var nodes = await StartBrokersAsync(3);
        var topic = await CreateReplicatedTopicAsync(nodes, "survive", 3, 3, MinInsync2);
        var controllerNode = ControllerNodeOf(nodes);
        // A partition led by a node that runs neither the controller nor Akka's shard coordinator (both live on the
        // oldest node): killing that node in this one-process harness leaves refs of the dead actor system in the new
        // coordinator's state (see ControllerFailoverTests). Killing the controller's node is the fault suite's
        // kill-controller nemesis, with real processes.
        var led = topic.Partitions.First(p => p.Leader != NodeIdOf(controllerNode));
        var partition = new TopicPartition("survive", led.Partition);
        var leaderId = led.Leader!;
        var live = nodes.ToList();
        var victim = NodeById(nodes, leaderId);

        var acked = new List<int>();
        for (var i = 0; i < 200 && i - acked.LastOrDefault() < 5; i++) // stop early once records keep failing
        {
            if (i == 80)
            {
                live.Remove(victim);
                await Nodes.KillAsync(victim);
            }

            if (await ProduceNumberAsync(() => live, partition, i)) acked.Add(i);
        }

        var after = await AwaitConvergedAsync(live, i => i.Topics["survive"].Partitions[led.Partition].Leader is { } l && l != leaderId,
            "the survivors agree on a new leader");
        var elected = after.Topics["survive"].Partitions[led.Partition];
        Assert.True(elected.LeaderEpoch > led.LeaderEpoch, $"epoch {elected.LeaderEpoch} did not grow");
        Assert.DoesNotContain(leaderId, elected.Isr);
        Output.WriteLine($"killed {leaderId} (controller on {NodeIdOf(controllerNode)}); new leader {elected.Leader} epoch {elected.LeaderEpoch} ISR [{string.Join(", ", elected.Isr)}]; {acked.Count} of 200 acknowledged");

        var read = await ReadAllAsync(live[0], partition);
        Assert.Empty(acked.Except(read)); // no acknowledged record lost
        // Per partition, order is kept: the first time each number appears, numbers only grow (retries may add duplicates).
        var firsts = read.Distinct().ToList();
        Assert.Equal(firsts.OrderBy(n => n), firsts);
        Assert.True(acked.Count >= 190, $"only {acked.Count} of 200 records were acknowledged");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Killing_the_controllers_node_while_producing_loses_no_acknowledged_record()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        var topic = await CreateReplicatedTopicAsync(nodes, "steady", 3, 3, MinInsync2);
        // A partition led elsewhere keeps its leader; only the controller moves (and the dead node leaves the ISR).
        var partition = new TopicPartition("steady", topic.Partitions.First(p => p.Leader != NodeIdOf(controllerNode)).Partition);
        var live = nodes.ToList();
        var epochBefore = Brokers[nodes[0]].Metadata.Current.ControllerEpoch;

        var acked = new List<int>();
        for (var i = 0; i < 150 && i - acked.LastOrDefault() < 5; i++)
        {
            if (i == 50)
            {
                live.Remove(controllerNode);
                await Nodes.KillAsync(controllerNode);
            }

            if (await ProduceNumberAsync(() => live, partition, i)) acked.Add(i);
        }

        var after = await AwaitConvergedAsync(live, i => i.ControllerEpoch > epochBefore && !i.Topics["steady"].Partitions[partition.Partition].Isr.Contains(NodeIdOf(controllerNode)),
            "the new controller removed the dead node from the ISR");
        var read = await ReadAllAsync(live[0], partition);
        Assert.Empty(acked.Except(read));
        Assert.Equal(read.Distinct().OrderBy(n => n), read.Distinct());
        Assert.True(acked.Count >= 145, $"only {acked.Count} of 150 records were acknowledged");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task An_old_leader_that_returns_cuts_off_what_it_took_alone_so_acks_1_records_it_acknowledged_are_lost_and_each_epoch_had_one_leader()
    {
        var nodes = await StartBrokersAsync(3);
        var topic = await CreateReplicatedTopicAsync(nodes, "diverge", 3, 3, MinInsync2);
        var controllerNode = ControllerNodeOf(nodes);
        var led = topic.Partitions.First(p => p.Leader != NodeIdOf(controllerNode));
        var partition = new TopicPartition("diverge", led.Partition);
        var old = NodeById(nodes, led.Leader!);
        var majority = nodes.Where(n => n != old).ToList();
        for (var i = 0; i < 10; i++) Assert.True(await ProduceNumberAsync(() => nodes, partition, i));
        await AwaitShardOnAsync(old, partition);

        // Cut off, the old leader still takes acks=1 writes alone: it cannot know yet that it is no longer the leader.
        await Nodes.PartitionAsync([old], majority);
        var alone = await Brokers[old].Front.Ask<ProduceResponse>(new ProduceRequest(partition, Acks.Leader, 2_000, Numbered(98), 98), Long);
        Assert.Equal(ErrorCode.None, alone.Error);
        var after = await AwaitConvergedAsync(majority, i => i.Topics["diverge"].Partitions[led.Partition].Leader is { } l && l != led.Leader,
            "the majority elected a new leader");
        var newEpoch = after.Topics["diverge"].Partitions[led.Partition].LeaderEpoch;
        for (var i = 10; i < 20; i++) Assert.True(await ProduceNumberAsync(() => majority, partition, i));

        // The old node comes back: it asks where its epoch ends in the new leader's log and drops the rest.
        await Nodes.AwaitRemovedAsync(old, [.. majority]);
        await Nodes.KillAsync(old);
        await Nodes.HealAllAsync();
        var back = await RestartBrokerAsync(old);
        var all = majority.Append(back).ToList();
        await AwaitAsync(majority[0], () => Brokers[majority[0]].Metadata.Current.Topics["diverge"].Partitions[led.Partition].Isr.Count == 3,
            "the old leader caught up and is in sync again");

        var read = await ReadAllAsync(majority[0], partition);
        AssertInOrderOnce(Enumerable.Range(0, 20), read);
        Assert.DoesNotContain(98, read); // the price of acks=1: acknowledged by a leader that was already replaced
        var leaderLog = await LiveBatchesAsync(topic.TopicId, partition, NodeById(all, after.Topics["diverge"].Partitions[led.Partition].Leader!));
        var returnedLog = await LiveBatchesAsync(topic.TopicId, partition, back);
        Assert.Equal(leaderLog.Select(b => (b.BaseOffset, b.PartitionLeaderEpoch)), returnedLog.Select(b => (b.BaseOffset, b.PartitionLeaderEpoch)));
        Assert.True((await StoredBatchesAsync(topic.TopicId, partition, back)).Count > returnedLog.Count, "the returned replica never cut its log");
        // One leader per epoch: epochs only grow along the log, and the new epoch starts where the old leader's stopped.
        Assert.Equal(leaderLog.Select(b => b.PartitionLeaderEpoch).Order(), leaderLog.Select(b => b.PartitionLeaderEpoch));
        Assert.Contains(leaderLog, b => b.PartitionLeaderEpoch == newEpoch);
    }

    [Fact]
    public async Task Acks_all_is_refused_when_too_few_replicas_are_in_sync_and_accepted_again_when_one_returns()
    {
        var nodes = await StartBrokersAsync(3);
        var topic = await CreateReplicatedTopicAsync(nodes, "strict", 1, 2, MinInsync2);
        var partition = new TopicPartition("strict", 0);
        var leader = NodeById(nodes, topic.Partitions[0].Leader!);
        var follower = NodeById(nodes, topic.Partitions[0].Replicas.Single(r => r != topic.Partitions[0].Leader));
        Assert.True(await ProduceNumberAsync(() => nodes, partition, 1));
        await Nodes.KillAsync(follower);
        var live = nodes.Where(n => n != follower).ToList();
        await AwaitConvergedAsync(live, i => i.Topics["strict"].Partitions[0].Isr.Count == 1, "the dead follower left the ISR");

        var refused = await ProduceAnsweredAsync(leader, new ProduceRequest(partition, Acks.All, 2_000, Numbered(2), 42));
        Assert.Equal((ErrorCode.NotEnoughReplicas, 42L), (refused.Error, refused.CorrelationId));
        var acks1 = await ProduceAnsweredAsync(leader, new ProduceRequest(partition, Acks.Leader, 2_000, Numbered(3), 43));
        Assert.Equal(ErrorCode.None, acks1.Error);

        var restarted = await RestartBrokerAsync(follower);
        var all = live.Append(restarted).ToList();
        await AwaitAsync(leader, () => Brokers[leader].Metadata.Current.Topics["strict"].Partitions[0].Isr.Count == 2, "the restarted follower caught up and rejoined the ISR");
        Assert.True(await ProduceNumberAsync(() => all, partition, 4));
        AssertInOrderOnce([1, 3, 4], await ReadAllAsync(leader, partition));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_leader_cut_off_in_a_minority_acknowledges_no_acks_all_write_and_the_majority_elects_a_new_leader()
    {
        var nodes = await StartBrokersAsync(3);
        var topic = await CreateReplicatedTopicAsync(nodes, "split", 3, 3, MinInsync2);
        var controllerNode = ControllerNodeOf(nodes);
        // A partition led outside the controller's node, so the majority keeps its controller.
        var led = topic.Partitions.First(p => p.Leader != NodeIdOf(controllerNode));
        var partition = new TopicPartition("split", led.Partition);
        var isolated = NodeById(nodes, led.Leader!);
        var majority = nodes.Where(n => n != isolated).ToList();
        Assert.True(await ProduceNumberAsync(() => nodes, partition, 0));
        await AwaitShardOnAsync(isolated, partition);

        await Nodes.PartitionAsync([isolated], majority);
        // The isolated leader may still take the write, but can never get the ISR's acknowledgement for it.
        var cutOff = await Brokers[isolated].Front.Ask<ProduceResponse>(new ProduceRequest(partition, Acks.All, 1_500, Numbered(99), 7), Long);
        Assert.NotEqual(ErrorCode.None, cutOff.Error);

        var after = await AwaitConvergedAsync(majority, i => i.Topics["split"].Partitions[led.Partition].Leader is { } l && l != led.Leader,
            "the majority elected a new leader");
        Assert.True(after.Topics["split"].Partitions[led.Partition].LeaderEpoch > led.LeaderEpoch);
        for (var i = 1; i <= 10; i++) Assert.True(await ProduceNumberAsync(() => majority, partition, i));
        var read = await ReadAllAsync(majority[0], partition);
        AssertInOrderOnce(Enumerable.Range(0, 11), read);
        Assert.DoesNotContain(99, read);
    }
}
