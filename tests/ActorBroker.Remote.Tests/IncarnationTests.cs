using ActorBroker.Actors;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Remote.Tests;

public sealed class IncarnationTests(ITestOutputHelper output) : RemoteTestKit(output)
{

    [Fact]
    public async Task A_node_restarted_on_the_same_port_is_a_new_incarnation_and_the_old_one_is_quarantined()
    {
        var first = Nodes.StartNode();
        var port = first.Address.Port!.Value;
        var oldUid = TestNodes.UniqueAddressOf(first).Uid;
        var oldEcho = first.ActorOf(Props.Create(() => new Echo()), "echo");
        var remoteOld = await Sys.ActorSelection(oldEcho.Path.ToString()).ResolveOne(TimeSpan.FromSeconds(5));
        Watch(remoteOld);
        var quarantined = CreateTestProbe();
        Sys.EventStream.Subscribe<QuarantinedEvent>(quarantined.Ref);

        await Nodes.StopAsync(first);
        var second = Nodes.StartNode($"actorbroker.remote.port = {port}");
        second.ActorOf(Props.Create(() => new Echo()), "echo");

        Assert.NotEqual(oldUid, TestNodes.UniqueAddressOf(second).Uid);
        var remoteNew = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{second.Address}/user/echo"));
        await AwaitAssertAsync(async () => Assert.Equal("hi", await remoteNew.Ask<string>("hi", TimeSpan.FromMilliseconds(500))), TimeSpan.FromSeconds(10));
        Assert.Equal(oldUid, quarantined.FishForMessage<QuarantinedEvent>(e => e.Node.Uid == oldUid).Node.Uid);
        ExpectTerminated(remoteOld);
    }

    [Fact]
    public async Task A_quarantined_incarnation_is_refused_and_told_so()
    {
        var other = Nodes.StartNode();
        var echo = other.ActorOf(Props.Create(() => new Echo()), "echo");
        var remote = Sys.Provider.ResolveActorRef(echo.Path);
        Assert.Equal("first", await remote.Ask<string>("first", TimeSpan.FromSeconds(5)));
        var refused = CreateTestProbe(other);
        other.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(refused.Ref);

        ((RemoteActorRefProvider)Sys.Provider).Quarantine(other.Address, TestNodes.UniqueAddressOf(other).Uid, "test");
        // The quarantined node tries to talk to us and learns it is refused.
        var back = other.Provider.ResolveActorRef(ActorPath.Parse($"{Sys.Address}/user/anyone"));
        back.Tell("knock");

        var notice = refused.ExpectMsg<ThisActorSystemQuarantinedEvent>(TimeSpan.FromSeconds(10));
        Assert.Equal(Sys.Address, notice.Remote);
    }
}
