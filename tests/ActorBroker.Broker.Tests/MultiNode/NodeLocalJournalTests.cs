using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// Nodes with journals of their own, as SQLite nodes have: the controller's journal dies with its node, so the next
/// controller must pick up the topics from the metadata the live nodes hold, and its epoch must go on from there.
/// </summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class NodeLocalJournalTests(ITestOutputHelper output) : ReplicationTestBase(output)
{
    protected override bool SharedJournal => false;

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_controller_on_a_node_that_never_ran_it_adopts_the_live_nodes_metadata_and_the_replicated_records_survive()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        var topic = await CreateReplicatedTopicAsync(nodes, "kept", 2, 3, MinInsync2);
        var partition = new TopicPartition("kept", 0);
        for (var i = 0; i < 20; i++) Assert.True(await ProduceNumberAsync(() => nodes, partition, i));
        var before = Brokers[nodes[0]].Metadata.Current;

        await Nodes.KillAsync(controllerNode);

        var survivors = nodes.Where(n => n != controllerNode).ToList();
        var after = await AwaitConvergedAsync(survivors, i => i.ControllerEpoch > before.ControllerEpoch && i.Nodes.Count == 2,
            "the survivors take the images of a later controller epoch");
        Assert.Equal(topic.TopicId, after.Topics["kept"].TopicId);
        Assert.All(after.Topics["kept"].Partitions, p => Assert.NotNull(p.Leader));
        Assert.All(after.Topics["kept"].Partitions, p => Assert.DoesNotContain(NodeIdOf(controllerNode), p.Isr));

        AssertInOrderOnce(Enumerable.Range(0, 20), await ReadOnceVisibleAsync(survivors[0], partition, 20));
        for (var i = 20; i < 30; i++) Assert.True(await ProduceNumberAsync(() => survivors, partition, i));
        AssertInOrderOnce(Enumerable.Range(0, 30), await ReadAllAsync(survivors[1], partition));
        AssertOk(await CreateTopicAsync(survivors[1], "later", 1, 2));
        await AwaitConvergedAsync(survivors, i => i.Topics.ContainsKey("later") && i.Topics.ContainsKey("kept"), "both survivors have both topics");
    }
}
