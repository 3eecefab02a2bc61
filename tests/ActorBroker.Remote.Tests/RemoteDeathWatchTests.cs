using ActorBroker.Actors;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Remote.Tests;

public sealed class RemoteDeathWatchTests(ITestOutputHelper output) : RemoteTestKit(output)
{

    [Fact]
    public async Task Watching_a_remote_actor_gives_Terminated_when_it_stops()
    {
        var other = Nodes.StartNode();
        var target = other.ActorOf(Props.Create(() => new Idle()), "target");
        var remote = await Sys.ActorSelection(target.Path.ToString()).ResolveOne(TimeSpan.FromSeconds(5));
        Watch(remote);

        other.Stop(target);

        var terminated = ExpectTerminated(remote);
        Assert.True(terminated.ExistenceConfirmed);
        Assert.False(terminated.AddressTerminated);
    }

    [Fact]
    public void A_watch_made_through_a_path_without_uid_still_ends_with_Terminated_for_that_ref()
    {
        var other = Nodes.StartNode();
        var target = other.ActorOf(Props.Create(() => new Idle()), "target");
        var byPath = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/target"));
        Watch(byPath);

        other.Stop(target);

        Assert.Same(byPath, ExpectTerminated(byPath).ActorRef);
    }

    [Fact]
    public void Watching_a_remote_path_where_no_actor_lives_gives_Terminated_at_once()
    {
        var other = Nodes.StartNode();
        var missing = Sys.Provider.ResolveActorRef(ActorPath.Parse($"{other.Address}/user/missing"));

        Watch(missing);

        Assert.False(ExpectTerminated(missing).ExistenceConfirmed);
    }

    [Fact]
    public void Unwatch_stops_the_notification()
    {
        var other = Nodes.StartNode();
        var target = other.ActorOf(Props.Create(() => new Idle()), "target");
        var remote = Sys.Provider.ResolveActorRef(target.Path);
        Watch(remote);
        Unwatch(remote);

        // A round trip after the unwatch proves it reached the other node before the stop.
        var echo = other.ActorOf(Props.Create(() => new EchoOnce()), "echo");
        Sys.Provider.ResolveActorRef(echo.Path).Tell("sync", TestActor);
        ExpectMsg("sync");
        other.Stop(target);

        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    private sealed class EchoOnce : ReceiveActor
    {
        public EchoOnce() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public async Task Watching_an_actor_on_a_node_that_is_killed_gives_Terminated_with_AddressTerminated()
    {
        var other = Nodes.StartNode();
        var target = other.ActorOf(Props.Create(() => new Idle()), "target");
        var remote = Sys.Provider.ResolveActorRef(target.Path);
        Watch(remote);

        await Nodes.KillAsync(other);

        var terminated = ExpectTerminated(remote, TimeSpan.FromSeconds(15));
        Assert.True(terminated.AddressTerminated);
    }

    [Fact]
    public void A_watched_node_that_goes_silent_is_detected_by_the_failure_detector()
    {
        var other = Nodes.StartNode();
        var target = other.ActorOf(Props.Create(() => new Idle()), "target");
        var remote = Sys.Provider.ResolveActorRef(target.Path);
        Watch(remote);

        TestNodes.Blackhole(Sys, other);

        Assert.True(ExpectTerminated(remote, TimeSpan.FromSeconds(15)).AddressTerminated);
    }
}
