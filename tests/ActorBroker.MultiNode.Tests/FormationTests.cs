using Akka.Actor;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.MultiNode.Tests;

public sealed class FormationTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    public async Task Three_nodes_form_one_cluster_with_every_member_Up()
    {
        var nodes = await Nodes.StartClusterAsync(3);

        var expected = nodes.Select(Nodes.UniqueAddressOf).ToHashSet();
        ClusterNodes.RunOn(node =>
        {
            var state = Cluster.Get(node).State;
            Assert.Equal(expected, state.Members.Select(m => m.UniqueAddress).ToHashSet());
            Assert.All(state.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
        }, [.. nodes]);
    }

    [Fact]
    public async Task Nodes_listen_on_loopback_with_the_fault_injecting_protocol_and_AddressOn_names_them()
    {
        var port = ClusterNodes.FreePort();

        var node = Nodes.StartMember(port: port);
        await Nodes.AwaitMembersUpAsync(node);

        Assert.Equal(Nodes.AddressOn(port), Nodes.AddressOf(node));
        Assert.Equal(Nodes.AddressOn(port), Cluster.Get(node).SelfAddress);
        Assert.Equal("127.0.0.1", Cluster.Get(node).SelfAddress.Host);
    }

    [Fact]
    public async Task A_probe_on_one_node_receives_what_an_actor_on_another_node_tells_it()
    {
        var nodes = await Nodes.StartClusterAsync(2);
        nodes[1].ActorOf(Props.Create(() => new Ponger()), "ponger");
        var probe = CreateTestProbe(nodes[0]);
        var ponger = nodes[0].ActorSelection(new RootActorPath(Nodes.AddressOf(nodes[1])) / "user" / "ponger");

        ponger.Tell("ping", probe.Ref);

        await probe.ExpectMsgAsync("pong", Nodes.Timeout);
        Assert.Equal(Nodes.AddressOf(nodes[1]), probe.LastSender.Path.Address);
    }

    /// <summary>Answers every string with "pong"; the answer crosses remoting when the sender is on another node.</summary>
    private sealed class Ponger : ReceiveActor
    {
        public Ponger() => Receive<string>(_ => Sender.Tell("pong"));
    }
}
