using Akka.Actor;
using ActorBroker.Broker.Membership;
using Akka.Configuration;
using Akka.Remote;

namespace ActorBroker.Broker.Tests.Membership;

public sealed class QuarantineWatchTests
{
    private static readonly Config OneNodeCluster = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.coordinated-shutdown.exit-clr = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """);

    /// <summary>A one-node cluster, Up, with the watch running and subscribed (an actor's PreStart runs before its first message).</summary>
    private static async Task<ActorSystem> StartMemberAsync()
    {
        var system = ActorSystem.Create("quarantine", OneNodeCluster);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var watch = system.ActorOf(QuarantineWatch.Props(), QuarantineWatch.Name);
        await watch.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
        return system;
    }

    /// <summary>Publishes the event and returns once the watch handled it: events and the Identify after them reach its mailbox in order.</summary>
    private static async Task QuarantinedByAsync(ActorSystem system, Address remote)
    {
        system.EventStream.Publish(new ThisActorSystemQuarantinedEvent(Akka.Cluster.Cluster.Get(system).SelfAddress, remote));
        var watch = await system.ActorSelection($"/user/{QuarantineWatch.Name}").ResolveOne(TimeSpan.FromSeconds(10));
        await watch.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_node_quarantined_by_a_cluster_member_shuts_down_as_downed()
    {
        using var system = await StartMemberAsync();
        var member = Akka.Cluster.Cluster.Get(system).SelfAddress; // the one member there is

        system.EventStream.Publish(new ThisActorSystemQuarantinedEvent(member, member));

        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(CoordinatedShutdown.Get(system).ShutdownReason);
    }

    [Fact]
    public async Task A_quarantine_by_a_process_outside_the_cluster_changes_nothing()
    {
        using var system = await StartMemberAsync();

        await QuarantinedByAsync(system, new Address("akka.tcp", "quarantine-client", "127.0.0.1", 40000));

        // The watch decides while it handles the event: a shutdown would have its reason set by now.
        Assert.Null(CoordinatedShutdown.Get(system).ShutdownReason);
        await system.Terminate();
    }
}
