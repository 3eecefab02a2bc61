using System.Globalization;
using ActorBroker.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests;

/// <summary>Real node processes started with <c>actorbroker node</c>, killed with SIGKILL and stopped with SIGTERM.</summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class NodeProcessTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("actorbroker-procs-").FullName;
    private readonly List<NodeProcess> _processes = [];

    [Fact]
    public async Task Three_node_processes_form_a_cluster_a_SIGKILLed_one_is_removed_and_SIGTERM_leaves_gracefully()
    {
        var ports = new[] { ClusterNodes.FreePort(), ClusterNodes.FreePort(), ClusterNodes.FreePort() };
        var config = WriteConfig(ports[0]);
        foreach (var port in ports) _processes.Add(StartNode(config, port));
        foreach (var node in _processes) await node.WaitForLineAsync("is Up", Startup);
        var status = await AwaitStatusAsync(ports[0], s => CountRows(s, "Up") == 3, "three members Up");
        Output?.WriteLine(status);

        _processes[2].Kill();
        status = await AwaitStatusAsync(ports[0], s => CountRows(s, "Up") == 2 && RowOf(s, ports[2]) is null, "the killed node downed and removed");
        Output?.WriteLine(status);
        Assert.Equal(2, CountRows(status, "Up"));

        Assert.Equal(0, await _processes[1].TerminateAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains(_processes[1].Output, l => l.Contains("left the cluster and stopped", StringComparison.Ordinal));
        status = await AwaitStatusAsync(ports[0], s => CountRows(s, "Up") == 1, "only the seed left");
        Output?.WriteLine(status);
    }

    private NodeProcess StartNode(string config, int port) => NodeProcess.Start(
    [
        "node", "--config", config, "--port", port.ToString(CultureInfo.InvariantCulture),
        "--data-dir", Path.Combine(_directory, $"node-{port}"),
    ]);

    private string WriteConfig(int seedPort)
    {
        var file = Path.Combine(_directory, "cluster.conf");
        File.WriteAllText(file, $$"""
            akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
            # Loopback only: plain TCP, chosen explicitly (a node refuses to start without a choice).
            actorbroker.tls.enabled = off
            # Several nodes on one host: each Kafka listener takes a free port.
            actorbroker.kafka.listener = "127.0.0.1:0"
            akka.cluster {
              seed-nodes = ["akka.tcp://broker@127.0.0.1:{{seedPort}}"]
              seed-node-timeout = 1s
              gossip-interval = 200ms
              leader-actions-interval = 200ms
              unreachable-nodes-reaper-interval = 200ms
              failure-detector { heartbeat-interval = 200ms, acceptable-heartbeat-pause = 2s, expected-response-after = 500ms }
              split-brain-resolver.stable-after = 1s
            }
            """);
        return file;
    }

    /// <summary>Asks the node for <c>cluster status</c> until the answer satisfies <paramref name="condition"/>.</summary>
    private async Task<string> AwaitStatusAsync(int port, Func<string, bool> condition, string what)
    {
        var last = "";
        await AwaitConditionAsync(() =>
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = Program.Run(["cluster", "status", "--contact", $"127.0.0.1:{port}", "--timeout", "2"], stdout, stderr);
            last = code == 0 ? stdout.ToString() : stderr.ToString();
            return code == 0 && condition(last);
        }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200), $"cluster status never showed {what}; last answer:\n{last}");
        return last;
    }

    private static string? RowOf(string status, int port) =>
        status.Split('\n').FirstOrDefault(l => l.Contains($"@127.0.0.1:{port} ", StringComparison.Ordinal));

    private static int CountRows(string status, string state) =>
        status.Split('\n').Count(l => l.StartsWith("akka.tcp://", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == state);

    protected override void AfterAll()
    {
        foreach (var process in _processes)
        {
            Output?.WriteLine($"--- node process {process.Pid} output ---");
            foreach (var line in process.Output.TakeLast(40)) Output?.WriteLine(line);
            process.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
        base.AfterAll();
    }
}
