using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// The controller's decisions take effect only once a majority of the broker nodes stored the image carrying them:
/// until then no node acts on them (not even the controller's own) and the request that asked is not answered.
/// </summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class MetadataCommitTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_topic_created_while_the_controller_is_cut_off_is_neither_answered_nor_acted_on_until_a_majority_stored_it()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        var others = nodes.Where(n => n != controllerNode).ToList();

        // Cut off for a moment (shorter than failure detection): only the controller's own node can store the new image.
        await Nodes.PartitionAsync([controllerNode], others);
        var creating = AskFrontAsync<TopicAdminResponse>(controllerNode, new CreateTopicRequest("held", 3, 1, new Dictionary<string, string>(), NextCorrelationId()));
        await AwaitAsync(controllerNode, () => Brokers[controllerNode].Metadata.Current.Version > 0, "the controller's node has an image");
        var versionCutOff = Brokers[controllerNode].Metadata.Current.Version;
        await Task.WhenAny(creating, Task.Delay(TimeSpan.FromMilliseconds(1500))); // a window for a wrong early answer
        Assert.False(creating.IsCompleted, "the creation was answered while only 1 of 3 nodes stored it");
        Assert.All(nodes, n => Assert.False(Brokers[n].Metadata.Current.Topics.ContainsKey("held"), $"{NodeIdOf(n)} acts on a topic a majority has not stored"));
        Assert.Equal(versionCutOff, Brokers[controllerNode].Metadata.Current.Version);

        await Nodes.HealAllAsync(); // the controller re-sends the proposal; the others store it and say so
        AssertOk(await creating);
        await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("held"), "every node has the topic once it is committed");
    }
}
