using ActorBroker.Broker;
using ActorBroker.Cli.Commands;
using ActorBroker.Cli.Quickstart;
using ActorBroker.MultiNode;
using Akka.Actor;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary>
/// Broker nodes in the test process, configured as <c>actorbroker node</c> configures them (<see cref="NodeConfig.NodeDefaults"/>,
/// SQLite journals in a temporary directory per node) with the multi-node fixture's short timings. They listen on plain
/// <c>akka.tcp</c> (no fault adapters), so the CLI reaches them by <c>host:port</c> as it reaches real nodes. Akka's
/// in-memory journal would not do: its store outlives a test's actor systems, so the next test's controller would
/// recover the previous test's topics.
/// </summary>
internal sealed class BrokerNodes(ITestOutputHelper output) : IAsyncDisposable
{
    private const string TestNode = "akka.remote.dot-netty.tcp.applied-adapters = []";

    private readonly string _dataRoot = Directory.CreateTempSubdirectory("actorbroker-cli-nodes-").FullName;

    // Printed by HoconPrinter: Akka's own Config.ToString output of these defaults hangs Akka's parser.
    private readonly ClusterNodes _nodes = new(output, TestNode + "\n" + HoconPrinter.Print(NodeConfig.NodeDefaults));

    public string SystemName => _nodes.SystemName;

    public ClusterNodes Fixture => _nodes;

    /// <summary>Starts a broker node on <paramref name="port"/> that joins the node on <paramref name="seedPort"/> (itself: it founds the cluster) and waits until it is Up.</summary>
    /// <param name="config">HOCON over the node's defaults, as a node's own file would give it.</param>
    public async Task<(ActorSystem Node, BrokerHost Broker)> StartAsync(int port, int seedPort, string config = "")
    {
        var dataDirectory = HoconText.Quote(Path.Combine(_dataRoot, $"node-{port}"));
        var node = _nodes.StartMember([new Address("akka.tcp", _nodes.SystemName, "127.0.0.1", seedPort)], $"""
            actorbroker.persistence.journal.sqlite.data-directory = {dataDirectory}
            actorbroker.persistence.snapshot-store.sqlite.data-directory = {dataDirectory}
            {config}
            """, port);
        var cluster = Akka.Cluster.Cluster.Get(node);
        Assert.True(await Poll.UntilAsync(() => cluster.SelfMember.Status == MemberStatus.Up, _nodes.Timeout), $"node {cluster.SelfAddress} never became Up");
        return (node, BrokerHost.Start(node));
    }

    /// <summary>The options that connect a CLI command to the node on <paramref name="port"/>.</summary>
    public string[] Connect(int port) => ["--bootstrap-server", $"127.0.0.1:{port}", "--system", _nodes.SystemName];

    public async ValueTask DisposeAsync()
    {
        await _nodes.DisposeAsync();
        Directory.Delete(_dataRoot, recursive: true);
    }
}
