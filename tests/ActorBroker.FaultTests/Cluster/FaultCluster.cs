using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ActorBroker.Client;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.MultiNode;
using Akka.Configuration;

namespace ActorBroker.FaultTests.Cluster;

/// <summary>
/// Real <c>actorbroker node</c> processes, each on its own loopback address with its own SQLite data directory, all
/// of them seed nodes (in index order, so node 0 is the first seed), configured by hocon/quickstart.conf. Driven
/// only through CLI flags, signals by PID, and the client facade. Dispose kills every process it started, shows the
/// tail of each one's output, writes each one's whole output to <see cref="LogsDirectory"/>, and deletes the data.
/// </summary>
public sealed partial class FaultCluster : IAsyncDisposable
{
    public static readonly string ConfigFile = Path.Combine(AppContext.BaseDirectory, "quickstart.conf");
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly RunLog _log;
    private readonly NodeCgroups? _cgroups;
    private readonly string _root = Directory.CreateTempSubdirectory("actorbroker-faults-").FullName;
    private readonly List<(FaultNode Node, NodeProcess Process)> _ended = [];
    private ClientConnection? _connection;

    /// <param name="cgroups">When given, each node process is moved into its own cgroup so network faults can single it out.</param>
    public FaultCluster(RunLog log, NodeCgroups? cgroups, int nodes = 3)
    {
        _log = log;
        _cgroups = cgroups;
        Nodes = [.. Enumerable.Range(0, nodes).Select(i => new FaultNode(i, _root))];
    }

    public IReadOnlyList<FaultNode> Nodes { get; }

    /// <summary>
    /// Where dispose writes every node process's output (one file per process, in start order), so a failed run can be
    /// diagnosed after the fact; the caller deletes it when the run passed.
    /// </summary>
    public string LogsDirectory { get; } = Directory.CreateTempSubdirectory("actorbroker-fault-logs-").FullName;

    /// <summary>
    /// The quickstart's node settings with the controller's quorum fixed at the cluster's size (docs/broker.md), as a
    /// production cluster of known size should run: no node decides alone after failures one after another.
    /// </summary>
    private string NodeConfigFile
    {
        get
        {
            var path = Path.Combine(_root, "node.conf");
            if (!File.Exists(path))
                File.WriteAllText(path, $"{File.ReadAllText(ConfigFile)}\nactorbroker.broker.controller.quorum-size = {Nodes.Count}\n");
            return path;
        }
    }

    /// <summary>A client connection bootstrapping from every node; made on first use, closed on dispose.</summary>
    public ClientConnection Connection => _connection ??= ClientConnection.Create(ClientConfig());

    /// <summary>The quickstart's client settings, bootstrapping from every node, overlaid with <paramref name="hocon"/>.</summary>
    public Config ClientConfig(string hocon = "") =>
        ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            actorbroker.client.bootstrap-servers = [{{string.Join(", ", Nodes.Select(n => $"\"{n.Id}\""))}}]
            {{hocon}}
            """).WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile)));

    /// <summary>Starts the first seed, waits until it is Up, then the others, and waits until metadata lists them all.</summary>
    public async Task StartAsync()
    {
        await StartNodeAsync(Nodes[0]);
        await Task.WhenAll(Nodes.Skip(1).Select(StartNodeAsync));
        await AwaitMetadataAsync(m => m.Nodes.Count == Nodes.Count, $"the metadata lists {Nodes.Count} broker nodes", StartTimeout);
    }

    /// <summary>SIGKILL: the node dies at once, with whatever it had not written. Returns once the process is gone, so it can be restarted.</summary>
    public async Task KillAsync(FaultNode node)
    {
        var process = node.Process is { HasExited: false } p ? p : throw new InvalidOperationException($"{node} is not running");
        _log.Line($"SIGKILL {node}");
        process.Kill();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        node.Paused = false;
    }

    /// <summary>Starts the node again on its address, port and data directory, and waits until it is Up.</summary>
    public Task RestartAsync(FaultNode node) =>
        node.Running ? throw new InvalidOperationException($"{node} is still running") : StartNodeAsync(node);

    public async Task PauseAsync(FaultNode node)
    {
        _log.Line($"SIGSTOP {node}");
        await Shell.CheckAsync("kill", "-STOP", Pid(node));
        node.Paused = true;
    }

    public async Task ResumeAsync(FaultNode node)
    {
        _log.Line($"SIGCONT {node}");
        if (node.Running) await Shell.CheckAsync("kill", "-CONT", Pid(node));
        node.Paused = false;
    }

    /// <summary>Waits until the metadata no longer lists <paramref name="node"/> (the cluster downed and removed it); false if it still does after <paramref name="timeout"/>.</summary>
    public async Task<bool> AwaitRemovedAsync(FaultNode node, TimeSpan timeout) =>
        await PollMetadataAsync(m => m.Nodes.All(n => n.Id != node.Id), timeout) is { } last && last.Nodes.All(n => n.Id != node.Id);

    /// <summary>Asks the cluster's metadata until <paramref name="condition"/> holds; returns the answer that satisfied it.</summary>
    public async Task<MetadataResponse> AwaitMetadataAsync(Func<MetadataResponse, bool> condition, string what, TimeSpan timeout)
    {
        var last = await PollMetadataAsync(condition, timeout);
        return last is { } m && condition(m) ? m : throw new TimeoutException($"timed out waiting until {what}; last metadata: {Describe(last)}");
    }

    /// <summary>Asks the metadata until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; returns the last answer.</summary>
    public async Task<MetadataResponse?> PollMetadataAsync(Func<MetadataResponse, bool> condition, TimeSpan timeout)
    {
        await using var admin = new AdminClient(Connection);
        var started = Stopwatch.GetTimestamp();
        MetadataResponse? last = null;
        while (true)
        {
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                last = await admin.DescribeClusterAsync(attempt.Token).WaitAsync(TimeSpan.FromSeconds(5));
                if (condition(last)) return last;
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or BrokerException)
            {
                // A node is down or the metadata is moving: ask again.
            }

            if (Stopwatch.GetElapsedTime(started) >= timeout) return last;
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The node that runs the controller singleton, as <c>actorbroker cluster status</c> reports it from any running
    /// node; null if no node answers.
    /// </summary>
    public async Task<FaultNode?> ControllerNodeAsync()
    {
        foreach (var node in Nodes.Where(n => n.Running && !n.Paused))
        {
            using var status = NodeProcess.Start(["cluster", "status", "--contact", node.Id, "--system", "quickstart", "--timeout", "3"]);
            try
            {
                await status.WaitForExitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                continue;
            }

            var runsOn = status.Output.Select(l => ControllerLine().Match(l)).FirstOrDefault(m => m.Success)?.Groups["id"].Value;
            if (Nodes.FirstOrDefault(n => n.Id == runsOn) is { } controller) return controller;
        }

        return null;
    }

    public static string Describe(MetadataResponse? metadata) =>
        metadata is null
            ? "(no answer)"
            : $"nodes [{string.Join(", ", metadata.Nodes.Select(n => n.Id))}]; " + string.Join("; ", metadata.Topics.SelectMany(t => t.Partitions.Select(p =>
                $"{t.Name}-{p.Partition} leader {p.Leader ?? "(none)"} epoch {p.LeaderEpoch} isr [{string.Join(", ", p.Isr)}]")));

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        foreach (var node in Nodes)
        {
            if (node.Process is { } process) _ended.Add((node, process));
        }

        var order = 0;
        foreach (var (node, process) in _ended.Distinct())
        {
            process.Kill();
            var output = process.Output;
            _log.Block($"--- {node}, process {process.Pid}: last lines ---\n{string.Join('\n', output.TakeLast(25))}");
            await File.WriteAllLinesAsync(Path.Combine(LogsDirectory, $"{++order:00}-node-{node.Index}-pid-{process.Pid}.log"), output);
            process.Dispose();
        }

        _log.Line($"node logs kept in {LogsDirectory}");
        Directory.Delete(_root, recursive: true);
    }

    private async Task StartNodeAsync(FaultNode node)
    {
        if (node.Process is { } previous) _ended.Add((node, previous));
        var process = NodeProcess.Start(
        [
            "node", "--config", NodeConfigFile, "--host", node.Host, "--port", node.Port.ToString(CultureInfo.InvariantCulture),
            "--seed-nodes", string.Join(',', Nodes.Select(n => n.Id)), "--data-dir", node.DataDir,
        ]);
        // At once, before the runtime has started and opened a socket: a socket keeps the cgroup it was opened in.
        _cgroups?.Move(node.Index, process.Pid);
        node.Process = process;
        node.Paused = false;
        _log.Line($"started {node}");
        await process.WaitForLineAsync("is Up", StartTimeout);
        _log.Line($"{node} is Up");
    }

    private static string Pid(FaultNode node) =>
        (node.Process ?? throw new InvalidOperationException($"{node} never started")).Pid.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/user/controller runs on \S*@(?<id>[0-9.]+:[0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ControllerLine();
}
