using Akka.Actor;
using ActorBroker.Broker.Internal;
using Akka.Configuration;

namespace ActorBroker.Broker.Tests.Internal;

public sealed class VitalActorsWatchTests
{
    private static readonly Config NoProcessExit = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.coordinated-shutdown.exit-clr = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """);

    private sealed class Vital : ReceiveActor
    {
        public Vital() => ReceiveAny(_ => { });
    }

    [Fact]
    public async Task A_vital_actor_that_stops_shuts_the_node_down_with_its_reason()
    {
        using var system = ActorSystem.Create("vitals", NoProcessExit);
        var vital = system.ActorOf(Props.Create<Vital>(), "metadata");
        system.ActorOf(VitalActorsWatch.Props([vital]), VitalActorsWatch.Name);

        system.Stop(vital);

        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.IsType<VitalActorStoppedReason>(CoordinatedShutdown.Get(system).ShutdownReason);
    }

    [Fact]
    public async Task Vital_actors_stopped_by_the_nodes_own_shutdown_do_not_change_its_reason()
    {
        using var system = ActorSystem.Create("vitals", NoProcessExit);
        var vital = system.ActorOf(Props.Create<Vital>(), "metadata");
        system.ActorOf(VitalActorsWatch.Props([vital]), VitalActorsWatch.Name);

        await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.IsNotType<VitalActorStoppedReason>(CoordinatedShutdown.Get(system).ShutdownReason);
    }
}
