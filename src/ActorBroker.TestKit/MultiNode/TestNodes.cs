using System.Collections.Concurrent;
using ActorBroker.Actors;
using ActorBroker.Hocon;
using ActorBroker.Remote;
using ActorBroker.Remote.Transport;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ActorBroker.TestKit.MultiNode;

/// <summary>
/// Several nodes (actor systems with remoting) in one test process, on ephemeral loopback ports, sharing one
/// system name as cluster nodes must. Faults are injected in each node's transport: blackhole, drop or delay
/// between two nodes, a network partition between two groups, heal, and hard kill of a node. Dispose
/// terminates every node still running.
/// </summary>
public sealed partial class TestNodes : IDisposable
{
    private static long _counter;

    static TestNodes() => ThreadPoolHeadroom.Ensure();
    private readonly ITestOutputHelper? _output;
    private readonly Config _common;
    private readonly ConcurrentDictionary<ActorSystem, ILoggerFactory> _loggers = new();
    private readonly List<ActorSystem> _nodes = [];

    /// <param name="output">xunit output; each node's log lines are prefixed with its port.</param>
    /// <param name="config">HOCON every node gets, over <see cref="DefaultConfig"/> (e.g. provider = cluster and its timings).</param>
    /// <param name="systemName">The shared system name; unique per instance by default.</param>
    public TestNodes(ITestOutputHelper? output = null, string? config = null, string? systemName = null)
    {
        _output = output;
        _common = (config is null ? Config.Empty : ConfigurationFactory.ParseString(config, "TestNodes config")).WithFallback(DefaultConfig);
        SystemName = systemName ?? $"nodes-{Interlocked.Increment(ref _counter)}";
    }

    /// <summary>Remoting on 127.0.0.1 with an ephemeral port and timings short enough for tests.</summary>
    public static Config DefaultConfig { get; } = ConfigurationFactory.ParseString("""
        actorbroker.loglevel = WARNING
        actorbroker.log-dead-letters = off
        actorbroker.actor.provider = remote
        actorbroker.remote {
          hostname = "127.0.0.1"
          port = 0
          connection-timeout = 5s
          retry-gate-closed-for = 200ms
          watch-failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 2s
            expected-response-after = 500ms
            unreachable-nodes-reaper-interval = 200ms
          }
        }
        """, "TestNodes defaults").WithFallback(TestKit.DefaultTestConfig);

    public string SystemName { get; }

    /// <summary>The nodes started so far and not killed or stopped.</summary>
    public IReadOnlyList<ActorSystem> Nodes
    {
        get
        {
            lock (_nodes) return [.. _nodes];
        }
    }

    /// <summary>Starts a node; <paramref name="config"/> overrides the common config (e.g. a fixed port or roles).</summary>
    public ActorSystem StartNode(string? config = null)
    {
        var effective = config is null ? _common : ConfigurationFactory.ParseString(config, "node config").WithFallback(_common);
        var level = ActorSystemSettings.ParseLogLevel(effective.GetString("actorbroker.loglevel"));
        var prefix = new NodeLabel();
        var loggerFactory = LoggerFactory.Create(builder =>
        {
            builder.SetMinimumLevel(level);
            if (_output is not null) builder.AddProvider(new XunitLoggerProvider(_output, level, prefix));
        });
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(SystemName, new ActorSystemSetup(effective, loggerFactory));
        }
        catch
        {
            loggerFactory.Dispose();
            throw;
        }

        prefix.Text = $"[:{system.Address.Port}] ";
        _loggers[system] = loggerFactory;
        lock (_nodes) _nodes.Add(system);
        return system;
    }

    public static Address AddressOf(ActorSystem node) => node.Address;

    public static UniqueAddress UniqueAddressOf(ActorSystem node) => ProviderOf(node).LocalAddress;

    public static FaultInjector FaultsOf(ActorSystem node) => ProviderOf(node).FaultInjector;

    /// <summary>Loses every message between <paramref name="a"/> and <paramref name="b"/>, both ways.</summary>
    public static void Blackhole(ActorSystem a, ActorSystem b)
    {
        FaultsOf(a).Blackhole(b.Address);
        FaultsOf(b).Blackhole(a.Address);
    }

    /// <summary>Loses each message between the two nodes, both ways, with the given probability.</summary>
    public static void Drop(ActorSystem a, ActorSystem b, double probability)
    {
        FaultsOf(a).Drop(b.Address, probability);
        FaultsOf(b).Drop(a.Address, probability);
    }

    /// <summary>Delays messages between the two nodes, both ways.</summary>
    public static void Delay(ActorSystem a, ActorSystem b, TimeSpan delay)
    {
        FaultsOf(a).Delay(b.Address, delay);
        FaultsOf(b).Delay(a.Address, delay);
    }

    /// <summary>A network partition: no message crosses between the two groups; each group still talks inside.</summary>
    public static void Partition(IEnumerable<ActorSystem> side1, IEnumerable<ActorSystem> side2)
    {
        var other = side2.ToList();
        foreach (var a in side1)
        {
            foreach (var b in other) Blackhole(a, b);
        }
    }

    /// <summary>Removes every injected fault on every running node.</summary>
    public void HealAll()
    {
        foreach (var node in Nodes) FaultsOf(node).HealAll();
    }

    /// <summary>Kills a node as a crash would: its connections are reset, nothing is flushed, no goodbye is said.</summary>
    public async Task KillAsync(ActorSystem node)
    {
        lock (_nodes) _nodes.Remove(node);
        ProviderOf(node).AbortTransport();
        await node.Terminate().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        DisposeLogger(node);
    }

    /// <summary>Terminates a node normally (queued messages are flushed).</summary>
    public async Task StopAsync(ActorSystem node)
    {
        lock (_nodes) _nodes.Remove(node);
        await node.Terminate().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        DisposeLogger(node);
    }

    /// <summary>Runs <paramref name="action"/> on the given nodes.</summary>
    public static void RunOn(Action<ActorSystem> action, params ActorSystem[] nodes)
    {
        foreach (var node in nodes) action(node);
    }

    /// <summary>Runs <paramref name="action"/> on the given nodes concurrently and returns when all finished: a barrier.</summary>
    public static Task RunOnAsync(Func<ActorSystem, Task> action, params ActorSystem[] nodes) =>
        Task.WhenAll(nodes.Select(action));

    public void Dispose()
    {
        var running = Nodes;
        lock (_nodes) _nodes.Clear();
        var terminations = running.Select(n => n.Terminate()).ToArray();
        Task.WaitAll(terminations, TimeSpan.FromSeconds(20));
        foreach (var node in running) DisposeLogger(node);
    }

    private static RemoteActorRefProvider ProviderOf(ActorSystem node) =>
        node.Provider as RemoteActorRefProvider
        ?? throw new InvalidOperationException($"{node.Name} has no remoting: set actorbroker.actor.provider = remote or cluster");

    private void DisposeLogger(ActorSystem node)
    {
        if (_loggers.TryRemove(node, out var factory)) factory.Dispose();
    }
}

/// <summary>A log prefix set once the node's port is known.</summary>
internal sealed class NodeLabel
{
    public string Text { get; set; } = "";

    public override string ToString() => Text;
}
