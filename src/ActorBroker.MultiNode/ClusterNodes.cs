using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit.Xunit2.Internals;
using Xunit.Abstractions;

namespace ActorBroker.MultiNode;

/// <summary>
/// Several Akka.NET cluster nodes (one ActorSystem each) in one test process, on ephemeral loopback ports, with
/// timings scaled down for tests (<see cref="DefaultConfig"/>). Faults are injected in each node's transport
/// (blackhole, drop, partition, heal); nodes can be killed, stopped gracefully and restarted on the same port.
/// Dispose aborts every node still running.
/// </summary>
public sealed partial class ClusterNodes : IDisposable, IAsyncDisposable
{
    /// <summary>The address protocol of every node: the DotNetty TCP transport under the trttl and gremlin adapters.</summary>
    public const string Protocol = "akka.trttl.gremlin.tcp";

    private static long _counter;

    static ClusterNodes() => ThreadPoolHeadroom.Ensure();

    private readonly ITestOutputHelper? _output;
    private readonly Config _common;
    private readonly List<ActorSystem> _running = [];
    private readonly Dictionary<ActorSystem, StartedNode> _started = [];

    /// <param name="output">xunit output; each node's log lines are prefixed with its port.</param>
    /// <param name="config">HOCON every node gets, over <see cref="DefaultConfig"/>.</param>
    /// <param name="systemName">The system name all nodes share (cluster members must); unique per fixture by default.</param>
    public ClusterNodes(ITestOutputHelper? output = null, string? config = null, string? systemName = null)
    {
        _output = output;
        var common = config is null ? DefaultConfig : ConfigurationFactory.ParseString(config).WithFallback(DefaultConfig);
        // ACTORBROKER_TEST_LOGLEVEL=INFO (or DEBUG) tells the whole story of a flaky run without editing the test.
        if (Environment.GetEnvironmentVariable("ACTORBROKER_TEST_LOGLEVEL") is { Length: > 0 } level)
            common = ConfigurationFactory.ParseString($"akka.loglevel = {level}").WithFallback(common);
        // With an output, logs go only there; without one, Akka's default stdout logger stays.
        _common = output is null ? common : ConfigurationFactory.ParseString("akka.loggers = []").WithFallback(common);
        SystemName = systemName ?? $"nodes-{Interlocked.Increment(ref _counter)}";
    }

    /// <summary>Cluster provider, loopback DotNetty TCP with the fault-injecting adapters, and short test timings (see multinode.conf).</summary>
    public static Config DefaultConfig { get; } = LoadDefaultConfig();

    public string SystemName { get; }

    /// <summary>How long the Await helpers wait by default: long enough for detection, downing and removal on a loaded machine.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The nodes started so far and still running, in start order: not killed, stopped, or terminated after being downed.</summary>
    public IReadOnlyList<ActorSystem> Nodes
    {
        get
        {
            lock (_running) return [.. _running.Where(n => !n.WhenTerminated.IsCompleted)];
        }
    }

    /// <summary>Starts a node without joining any cluster.</summary>
    /// <param name="config">HOCON over the common config, e.g. roles; a restart reuses it.</param>
    /// <param name="port">0 for an ephemeral port.</param>
    public ActorSystem StartNode(string? config = null, int port = 0)
    {
        var effective = config is null ? _common : ConfigurationFactory.ParseString(config).WithFallback(_common);
        if (port != 0) effective = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.port = {port}").WithFallback(effective);
        var system = ActorSystem.Create(SystemName, effective);
        var address = AddressOf(system);
        if (_output is not null) AttachOutput(system, $"[:{address.Port}] ");
        lock (_running)
        {
            _running.Add(system);
            _started[system] = new StartedNode(Cluster.Get(system).SelfUniqueAddress, config);
        }

        return system;
    }

    /// <summary>
    /// Starts a node that joins through <paramref name="seeds"/>; without seeds it joins the first running node,
    /// or founds a cluster of its own when none runs.
    /// </summary>
    public ActorSystem StartMember(IEnumerable<Address>? seeds = null, string? config = null, int port = 0)
    {
        var seedList = seeds?.ToList() ?? [.. Nodes.Take(1).Select(AddressOf)];
        var system = StartNode(config, port);
        Cluster.Get(system).JoinSeedNodes(seedList.Count > 0 ? seedList : [AddressOf(system)]);
        return system;
    }

    /// <summary>Starts <paramref name="count"/> members (the first founds the cluster, the others join it) and waits until all see each other Up.</summary>
    public async Task<IReadOnlyList<ActorSystem>> StartClusterAsync(int count, string? config = null)
    {
        var first = StartMember([], config);
        var members = new List<ActorSystem> { first };
        for (var i = 1; i < count; i++) members.Add(StartMember([AddressOf(first)], config));
        await AwaitMembersUpAsync([.. members]).ConfigureAwait(false);
        return members;
    }

    /// <summary>The address a node of this fixture has on <paramref name="port"/>, e.g. a seed that is not started yet.</summary>
    public Address AddressOn(int port) => new(Protocol, SystemName, "127.0.0.1", port);

    /// <summary>The node's address; for a node this fixture started, also once it has terminated.</summary>
    public Address AddressOf(ActorSystem node) => UniqueAddressOf(node).Address;

    /// <summary>The node's address with its incarnation (uid), which changes when a node restarts on the same port.</summary>
    public UniqueAddress UniqueAddressOf(ActorSystem node)
    {
        lock (_running)
        {
            if (_started.TryGetValue(node, out var started)) return started.UniqueAddress;
        }

        return Cluster.Get(node).SelfUniqueAddress;
    }

    /// <summary>A free loopback port, for nodes that must know their address before they start.</summary>
    public static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>Runs <paramref name="action"/> on each of <paramref name="nodes"/>, in order.</summary>
    public static void RunOn(Action<ActorSystem> action, params ActorSystem[] nodes)
    {
        foreach (var node in nodes) action(node);
    }

    /// <summary>Runs <paramref name="action"/> on the nodes concurrently and returns when all finished: a barrier.</summary>
    public static Task RunOnAsync(Func<ActorSystem, Task> action, params ActorSystem[] nodes) => Task.WhenAll(nodes.Select(action));

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Aborts every running node: a test's end needs no graceful leaving, and leaving one by one would take seconds each.</summary>
    public async ValueTask DisposeAsync()
    {
        List<ActorSystem> running;
        lock (_running)
        {
            running = [.. _running];
            _running.Clear();
        }

        foreach (var node in running) ((ExtendedActorSystem)node).Abort();
        await Task.WhenAll(running.Select(n => n.WhenTerminated)).WaitAsync(Timeout).ConfigureAwait(false);
    }

    private void AttachOutput(ActorSystem system, string prefix)
    {
        // Akka.TestKit.Xunit2's own logger, subscribed the way its TestKit subscribes it, behind a per-node prefix.
        var logger = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new TestOutputLogger(new PrefixedOutput(_output!, prefix))), "log-test");
        logger.Tell(new InitializeLogger(system.EventStream));
    }

    private static Config LoadDefaultConfig()
    {
        using var stream = typeof(ClusterNodes).Assembly.GetManifestResourceStream("ActorBroker.MultiNode.multinode.conf")
            ?? throw new InvalidOperationException("ActorBroker.MultiNode.multinode.conf is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    /// <summary>What a restart needs to know about a node after it terminated.</summary>
    private sealed record StartedNode(UniqueAddress UniqueAddress, string? Config);
}
