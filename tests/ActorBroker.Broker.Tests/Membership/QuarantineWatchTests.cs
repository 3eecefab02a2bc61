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

    /// <summary>A one-node cluster, Up, with the watch running.</summary>
    private static async Task<ActorSystem> StartMemberAsync()
    {
        var system = ActorSystem.Create("quarantine", OneNodeCluster);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
        system.ActorOf(QuarantineWatch.Props(), QuarantineWatch.Name);
        return system;
    }

    [Fact]
    public async Task A_node_quarantined_by_a_cluster_member_shuts_down_as_downed()
    {
        using var system = await StartMemberAsync();
        var member = Akka.Cluster.Cluster.Get(system).SelfAddress; // the one member there is

        // Published once the watch subscribed: its PreStart runs before it takes messages, so poll until it acts.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!system.WhenTerminated.IsCompleted && DateTime.UtcNow < deadline)
        {
            system.EventStream.Publish(new ThisActorSystemQuarantinedEvent(member, member));
            await Task.WhenAny(system.WhenTerminated, Task.Delay(200));
        }

        Assert.True(system.WhenTerminated.IsCompleted, "the node shut down");
        Assert.IsType<CoordinatedShutdown.ClusterDowningReason>(CoordinatedShutdown.Get(system).ShutdownReason);
    }

    [Fact]
    public async Task A_quarantine_by_a_process_outside_the_cluster_changes_nothing()
    {
        using var system = await StartMemberAsync();
        var client = new Address("akka.tcp", "quarantine-client", "127.0.0.1", 40000);

        for (var i = 0; i < 5; i++) system.EventStream.Publish(new ThisActorSystemQuarantinedEvent(Akka.Cluster.Cluster.Get(system).SelfAddress, client));

        // Nothing to await: the node must still run a while later.
        await Task.WhenAny(system.WhenTerminated, Task.Delay(1000));
        Assert.False(system.WhenTerminated.IsCompleted, "a client's quarantine shut the node down");
        Assert.Null(CoordinatedShutdown.Get(system).ShutdownReason);
        await system.Terminate();
    }
}
