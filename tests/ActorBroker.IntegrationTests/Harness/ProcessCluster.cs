using System.Globalization;
using ActorBroker.Client;
using ActorBroker.Protocol.Messages;
using ActorBroker.MultiNode;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.IntegrationTests.Harness;

/// <summary>
/// Real <c>actorbroker node</c> processes on free loopback ports, each with its own SQLite data directory, configured
/// by hocon/quickstart.conf. The first is the seed and is Up before the others start, so it is the oldest member and
/// runs the controller. Nodes are killed with SIGKILL by the PID this harness started and restarted on the same port
/// and directory. Dispose kills every process still running, shows the tail of each one's output, and deletes the data.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly string ConfigFile = Path.Combine(AppContext.BaseDirectory, "quickstart.conf");
    private readonly ITestOutputHelper _output;
    private readonly ProcessTimeouts _timeouts;
    private readonly string _root = Directory.CreateTempSubdirectory("actorbroker-processes-").FullName;
    private readonly List<NodeProcess> _exited = [];
    private readonly NodeProcess?[] _processes;
    private readonly int[] _ports;
    private ClientConnection? _connection;

    public ProcessCluster(ITestOutputHelper output, ProcessTimeouts timeouts, int nodes = 3)
    {
        _output = output;
        _timeouts = timeouts;
        _processes = new NodeProcess?[nodes];
        _ports = [.. Enumerable.Range(0, nodes).Select(_ => ClusterNodes.FreePort())];
    }

    public int Count => _ports.Length;

    /// <summary>The seed, the oldest member: the controller runs there (its topics live in this node's journal).</summary>
    public const int ControllerNode = 0;

    /// <summary>The broker id of node <paramref name="index"/>: <c>127.0.0.1:port</c>, as metadata names leaders.</summary>
    public string NodeId(int index) => $"127.0.0.1:{_ports[index].ToString(CultureInfo.InvariantCulture)}";

    public int IndexOf(string nodeId) => Enumerable.Range(0, Count).First(i => NodeId(i) == nodeId);

    /// <summary>A client connection to every node, with the quickstart's client timings; made on first use, closed on dispose.</summary>
    public ClientConnection Connection => _connection ??= ClientConnection.Create(ClientConfig());

    /// <summary>The quickstart's client settings, bootstrapping from every node, overlaid with <paramref name="hocon"/>.</summary>
    public Config ClientConfig(string hocon = "") =>
        ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            actorbroker.client.bootstrap-servers = [{{string.Join(", ", _ports.Select((_, i) => $"\"{NodeId(i)}\""))}}]
            {{hocon}}
            """).WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile)));

    /// <summary>Starts the seed, waits until it is Up, starts the others, and waits until the cluster's metadata lists them all.</summary>
    public async Task StartAsync()
    {
        await StartNodeAsync(0);
        await Task.WhenAll(Enumerable.Range(1, Count - 1).Select(StartNodeAsync));
        await AwaitMetadataAsync(m => m.Nodes.Count == Count, $"the metadata lists {Count} broker nodes");
    }

    /// <summary>SIGKILL: the node dies at once, with whatever it had not written.</summary>
    public void Kill(int index)
    {
        var process = _processes[index] ?? throw new InvalidOperationException($"node {index} is not running");
        _output.WriteLine($"SIGKILL node {index} ({NodeId(index)}, pid {process.Pid})");
        process.Kill();
        _processes[index] = null;
        _exited.Add(process);
    }

    /// <summary>Starts node <paramref name="index"/> again on its port and data directory and waits until it is Up.</summary>
    public Task RestartAsync(int index) =>
        _processes[index] is null ? StartNodeAsync(index) : throw new InvalidOperationException($"node {index} is still running");

    /// <summary>Asks the cluster's metadata until <paramref name="condition"/> holds; returns the answer that satisfied it.</summary>
    public async Task<MetadataResponse> AwaitMetadataAsync(Func<MetadataResponse, bool> condition, string what, TimeSpan? timeout = null)
    {
        await using var admin = new AdminClient(Connection);
        var deadline = DateTime.UtcNow + (timeout ?? _timeouts.Cluster);
        MetadataResponse? last = null;
        while (true)
        {
            try
            {
                last = await admin.DescribeClusterAsync().WaitAsync(_timeouts.Request);
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is TimeoutException or Protocol.BrokerException)
            {
                // A node is down or the metadata is moving: ask again.
            }

            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"timed out waiting until {what}; last metadata: {Describe(last)}");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        foreach (var process in _processes)
        {
            if (process is null) continue;
            process.Kill();
            _exited.Add(process);
        }

        foreach (var process in _exited)
        {
            _output.WriteLine($"--- node process {process.Pid}: last lines ---");
            foreach (var line in process.Output.TakeLast(30)) _output.WriteLine(line);
            process.Dispose();
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task StartNodeAsync(int index)
    {
        var port = _ports[index].ToString(CultureInfo.InvariantCulture);
        var process = NodeProcess.Start(
        [
            "node", "--config", ConfigFile, "--port", port, "--seed-nodes", NodeId(0),
            "--data-dir", Path.Combine(_root, $"node-{port}"),
        ]);
        _processes[index] = process;
        _output.WriteLine($"started node {index} ({NodeId(index)}, pid {process.Pid})");
        await process.WaitForLineAsync("is Up", _timeouts.Cluster);
    }

    private static string Describe(MetadataResponse? metadata) =>
        metadata is null
            ? "(no answer)"
            : $"nodes [{string.Join(", ", metadata.Nodes.Select(n => n.Id))}]; " + string.Join("; ", metadata.Topics.SelectMany(t => t.Partitions.Select(p =>
                $"{t.Name}-{p.Partition} leader {p.Leader ?? "(none)"} epoch {p.LeaderEpoch} isr [{string.Join(", ", p.Isr)}]")));
}
