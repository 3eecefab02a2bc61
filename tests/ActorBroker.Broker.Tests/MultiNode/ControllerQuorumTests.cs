using ActorBroker.Protocol.Messages;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// controller.quorum-size = 3: the controller's decisions need two of the three nodes' stores even when the others
/// left one after another and the controller's node is the only member, as KRaft's controllers need a majority of a
/// fixed voter set. With the default (0) a lone node decides alone.
/// </summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class ControllerQuorumTests(ITestOutputHelper output) : BrokerClusterTestBase(output, "actorbroker.broker.controller.quorum-size = 3")
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_controller_left_alone_decides_nothing_until_a_second_node_of_the_quorum_is_back()
    {
        var nodes = await StartBrokersAsync(3);
        var controllerNode = ControllerNodeOf(nodes);
        var others = nodes.Where(n => n != controllerNode).ToList();
        foreach (var other in others) await Nodes.StopAsync(other); // they leave: the controller's node stays, alone
        await AwaitAsync(controllerNode, () => Cluster.Get(controllerNode).State.Members.Count == 1, "the other two nodes left the cluster");

        var creating = AskFrontAsync<TopicAdminResponse>(controllerNode, new CreateTopicRequest("held", 1, 1, new Dictionary<string, string>(), NextCorrelationId()));
        await Task.WhenAny(creating, Task.Delay(TimeSpan.FromMilliseconds(1500))); // a window for a wrong early answer
        Assert.False(creating.IsCompleted, "the creation was answered while only 1 of a quorum of 3 stored it");
        Assert.False(Brokers[controllerNode].Metadata.Current.Topics.ContainsKey("held"), "the lone node acts on a topic only it stored");

        var back = await RestartBrokerAsync(others[0]);

        AssertOk(await creating);
        await AwaitConvergedAsync([controllerNode, back], i => i.Topics.ContainsKey("held"), "both nodes have the topic once two of three stored it");
    }
}
