using ActorBroker.Actors;
using ActorBroker.Cluster.Client;
using ActorBroker.Cluster.Tests.MultiNode;
using ActorBroker.TestKit;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Client;

[Collection(ClusterTestBase.Collection)]
public sealed class ClusterClientTests(ITestOutputHelper output) : ClusterClientTestBase(output)
{
    [Fact]
    public async Task A_client_outside_the_cluster_reaches_a_registered_service_and_the_reply_comes_back()
    {
        var members = await StartClusterAsync(2);
        RegisterEcho(members[0]);
        var (node, client) = StartClient([members[0]]);
        var probe = TestKitBase.CreateTestProbe(node);

        client.Tell(new ClusterClient.Send("/user/echo", "hello"), probe.Ref);

        probe.ExpectMsg(EchoOf("hello", members[0]), Long);
    }

    [Fact]
    public async Task A_service_on_another_member_is_reachable_through_the_contacted_receptionist()
    {
        var members = await StartClusterAsync(2);
        RegisterEcho(members[1]);
        await AwaitEchoRoutesAsync(members[0], members[1]);
        var (node, client) = StartClient([members[0]]);
        var probe = TestKitBase.CreateTestProbe(node);

        client.Tell(new ClusterClient.Send("/user/echo", "via-a"), probe.Ref);

        probe.ExpectMsg(EchoOf("via-a", members[1]), Long);
        var current = await AwaitReceptionistAsync(node, client, _ => true);
        Assert.Equal(members[0].Address, current.Receptionist!.Path.Address);
    }

    [Fact]
    public async Task SendToAll_reaches_the_service_on_every_member()
    {
        var members = await StartClusterAsync(3);
        foreach (var member in members) RegisterEcho(member);
        await AwaitEchoRoutesAsync(members[0], [.. members]);
        var (node, client) = StartClient([members[0]]);
        var probe = TestKitBase.CreateTestProbe(node);

        client.Tell(new ClusterClient.SendToAll("/user/echo", "all"), probe.Ref);

        var replies = probe.ReceiveN(3, Long).Cast<string>().Order().ToList();
        Assert.Equal(members.Select(m => EchoOf("all", m)).Order().ToList(), replies);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Stopped_and_unregistered_services_are_no_longer_used()
    {
        var members = await StartClusterAsync(2);
        var echoA = RegisterEcho(members[0]);
        var echoB = RegisterEcho(members[1]);
        await AwaitEchoRoutesAsync(members[0], members[0], members[1]);
        var (node, client) = StartClient([members[0]]);
        var probe = TestKitBase.CreateTestProbe(node);

        members[1].Stop(echoB);
        await AwaitEchoRoutesAsync(members[0], members[0]);
        client.Tell(new ClusterClient.SendToAll("/user/echo", "one-left"), probe.Ref);
        probe.ExpectMsg(EchoOf("one-left", members[0]), Long);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        ClusterClientReceptionist.Get(members[0]).UnregisterService(echoA);
        await AwaitEchoRoutesAsync(members[0]);
        var deadLetters = TestKitBase.CreateTestProbe(members[0]);
        members[0].EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        client.Tell(new ClusterClient.Send("/user/echo", "nobody-home"), probe.Ref);
        var dead = deadLetters.FishForMessage<DeadLetter>(d => Equals(d.Message, "nobody-home"), Long);
        Assert.Contains("/user/echo", dead.Reason);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task The_client_keeps_working_when_its_contact_node_dies()
    {
        var members = await StartClusterAsync(3);
        RegisterEcho(members[1]);
        RegisterEcho(members[2]);
        await AwaitEchoRoutesAsync(members[0], members[1], members[2]);
        var (node, client) = StartClient([members[0]]);
        var probe = TestKitBase.CreateTestProbe(node);
        client.Tell(new ClusterClient.Send("/user/echo", "before"), probe.Ref);
        Assert.StartsWith("before@", probe.ExpectMsg<string>(Long));
        // The first contact handed out the others: that list is what the client fails over to.
        var first = await AwaitReceptionistAsync(node, client, _ => true);
        Assert.Equal(members[0].Address, first.Receptionist!.Path.Address);
        Assert.Equal(members.Select(ReceptionistOf).Order(Comparer<ActorPath>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))),
            first.Contacts.Order(Comparer<ActorPath>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))));

        var deadAddress = members[0].Address;
        await Nodes.KillAsync(members[0]);

        var next = await AwaitReceptionistAsync(node, client, path => !path.Address.Equals(deadAddress));
        Assert.Contains(next.Receptionist!.Path.Address, new[] { members[1].Address, members[2].Address });
        client.Tell(new ClusterClient.Send("/user/echo", "after"), probe.Ref);
        var reply = probe.ExpectMsg<string>(Long);
        Assert.Contains(reply, new[] { EchoOf("after", members[1]), EchoOf("after", members[2]) });
    }

    [Fact]
    public async Task Messages_sent_before_any_receptionist_answers_are_buffered_and_a_full_buffer_drops_the_oldest()
    {
        var port = TestNodes.FreePort();
        var seed = Nodes.AddressOn(port);
        var (node, client) = StartClient([ActorPath.Root(seed).Child("system").Child("receptionist")], "actorbroker.cluster.client.buffer-size = 2");
        var probe = TestKitBase.CreateTestProbe(node);
        var deadLetters = TestKitBase.CreateTestProbe(node);
        node.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);

        foreach (var text in new[] { "m1", "m2", "m3" }) client.Tell(new ClusterClient.Send("/user/echo", text), probe.Ref);

        var dropped = deadLetters.FishForMessage<DeadLetter>(d => d.Message is ClusterClient.Send, Long);
        Assert.Equal("m1", ((ClusterClient.Send)dropped.Message).Message);
        var member = Nodes.StartMember([seed], port: port);
        RegisterEcho(member);
        probe.ExpectMsg(EchoOf("m2", member), Long);
        probe.ExpectMsg(EchoOf("m3", member), Long);
    }
}
