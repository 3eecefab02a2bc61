using ActorBroker.Broker;
using ActorBroker.Cli.Commands;
using ActorBroker.MultiNode;
using Akka.Actor;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary>
/// Broker nodes in the test process, configured as <c>actorbroker node</c> configures them (<see cref="NodeConfig.NodeDefaults"/>)
/// with Akka's in-memory journal and the multi-node fixture's short timings. They listen on plain <c>akka.tcp</c>
/// (no fault adapters), so the CLI reaches them by <c>host:port</c> as it reaches real nodes.
/// </summary>
internal sealed class BrokerNodes(ITestOutputHelper output) : IAsyncDisposable
{
    private const string TestNode = """
        akka.remote.dot-netty.tcp.applied-adapters = []
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    // Printed by HoconPrinter: Akka's own Config.ToString output of these defaults hangs Akka's parser.
    private readonly ClusterNodes _nodes = new(output, TestNode + "\n" + HoconPrinter.Print(NodeConfig.NodeDefaults));

    public string SystemName => _nodes.SystemName;

    public ClusterNodes Fixture => _nodes;

    /// <summary>Starts a broker node on <paramref name="port"/> that joins the node on <paramref name="seedPort"/> (itself: it founds the cluster) and waits until it is Up.</summary>
    public async Task<(ActorSystem Node, BrokerHost Broker)> StartAsync(int port, int seedPort)
    {
        var node = _nodes.StartMember([new Address("akka.tcp", _nodes.SystemName, "127.0.0.1", seedPort)], port: port);
        await _nodes.AwaitMembersUpAsync(node);
        return (node, BrokerHost.Start(node));
    }

    /// <summary>The options that connect a CLI command to the node on <paramref name="port"/>.</summary>
    public string[] Connect(int port) => ["--bootstrap-server", $"127.0.0.1:{port}", "--system", _nodes.SystemName];

    public ValueTask DisposeAsync() => _nodes.DisposeAsync();
}
