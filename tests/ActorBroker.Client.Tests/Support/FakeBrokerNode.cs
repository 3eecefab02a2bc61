using ActorBroker.MultiNode;
using ActorBroker.Protocol;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// A one-node Akka.NET cluster on loopback whose <c>/user/broker</c> is a <see cref="FakeBrokerFront"/>, registered with
/// the cluster client receptionist as a broker node registers its front actor. Plain <c>akka.tcp</c> (no fault
/// adapters), so clients reach it by bootstrap <c>host:port</c>. Disposing terminates the node.
/// </summary>
public sealed class FakeBrokerNode : IAsyncDisposable
{
    private static long _counter;

    private FakeBrokerNode(ActorSystem system, int port, IActorRef front)
    {
        System = system;
        Port = port;
        Front = front;
    }

    public ActorSystem System { get; }

    public int Port { get; }

    public IActorRef Front { get; }

    /// <summary>Starts the node, waits until it is Up, and adds it to <paramref name="model"/> as node <c>127.0.0.1:port</c>.</summary>
    public static async Task<FakeBrokerNode> StartAsync(ClusterModel model, PartitionLogs logs, TimeSpan timeout)
    {
        var config = ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp { applied-adapters = [], maximum-frame-size = 4MiB }")
            .WithFallback(ClusterNodes.DefaultConfig)
            .WithFallback(ProtocolAkkaSerialization.Config)
            .WithFallback(ClusterClientReceptionist.DefaultConfig())
            .WithFallback(DistributedPubSub.DefaultConfig());
        var system = ActorSystem.Create($"fake-brokers-{Interlocked.Increment(ref _counter)}", config);
        try
        {
            var cluster = Cluster.Get(system);
            await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(timeout);
            var port = cluster.SelfAddress.Port!.Value;
            var nodeId = $"127.0.0.1:{port}";
            var front = system.ActorOf(FakeBrokerFront.Props(nodeId, model, logs), "broker");
            // The path with the node's address, as metadata gives it: a local ref's own path has no host or port.
            model.AddNode(nodeId, front.Path.ToStringWithAddress(cluster.SelfAddress));
            ClusterClientReceptionist.Get(system).RegisterService(front);
            return new FakeBrokerNode(system, port, front);
        }
        catch
        {
            await system.Terminate();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await System.Terminate();
}
