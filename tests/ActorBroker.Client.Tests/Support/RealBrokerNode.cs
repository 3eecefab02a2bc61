using ActorBroker.Broker;
using ActorBroker.Broker.Serialization;
using ActorBroker.Client.Settings;
using ActorBroker.MultiNode;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Configuration;
using Akka.DistributedData;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// A real broker node (<see cref="BrokerHost"/>: controller singleton, metadata cache, front actor, event-sourced
/// partitions on Akka's in-memory journal) founding a one-node cluster on loopback <c>akka.tcp</c> (no fault adapters),
/// so clients reach it by bootstrap <c>host:port</c>. Disposing terminates the node.
/// </summary>
public sealed class RealBrokerNode : IAsyncDisposable
{
    private static long _counter;

    private RealBrokerNode(ActorSystem system, int port)
    {
        System = system;
        Port = port;
    }

    public ActorSystem System { get; }

    public int Port { get; }

    /// <summary>Client settings that bootstrap from this node.</summary>
    public ClientSettings ClientSettings => ClientSettings.Default with { BootstrapServers = [$"127.0.0.1:{Port}"], ClusterSystemName = System.Name };

    public static async Task<RealBrokerNode> StartAsync(TimeSpan timeout)
    {
        // Every serializer a node's remote traffic needs is bound at start: Akka builds its serializer map only then.
        var config = ConfigurationFactory.ParseString("""
                akka.remote.dot-netty.tcp.applied-adapters = []
                akka.remote.dot-netty.tcp.maximum-frame-size = 4MiB
                akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
                akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
                """)
            .WithFallback(ClusterNodes.DefaultConfig)
            .WithFallback(BrokerConfig.Defaults)
            .WithFallback(BrokerAkkaSerialization.Config)
            .WithFallback(ClusterClientReceptionist.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig())
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig())
            .WithFallback(DistributedData.DefaultConfig());
        var system = ActorSystem.Create($"brokers-{Interlocked.Increment(ref _counter)}", config);
        try
        {
            var cluster = Cluster.Get(system);
            await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(timeout);
            BrokerHost.Start(system);
            return new RealBrokerNode(system, cluster.SelfAddress.Port!.Value);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}
