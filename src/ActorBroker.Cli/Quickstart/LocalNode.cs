using ActorBroker.Broker;
using ActorBroker.Kafka;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// One broker node inside the quickstart's process: an actor system that is a cluster member, with its own SQLite
/// journal directory and a log file, a broker started on it and a Kafka listener in front of the broker. It can be killed as a crash would and started again
/// on the same port and journal.
/// </summary>
internal sealed class LocalNode
{
    private readonly string _dataDirectory;
    private readonly string _logFile;
    private ILoggerFactory? _loggers;

    private LocalNode(string name, string dataDirectory, string logFile)
    {
        Name = name;
        _dataDirectory = dataDirectory;
        _logFile = logFile;
    }

    /// <summary>node-1, node-2, node-3: the names of its journal directory and log file.</summary>
    public string Name { get; }

    public ActorSystem System { get; private set; } = null!;

    public BrokerHost Broker { get; private set; } = null!;

    /// <summary>The node's Kafka listener (a free port on 127.0.0.1; a restart takes a new one).</summary>
    public KafkaDoor Kafka { get; private set; } = null!;

    public int Port => Cluster.SelfAddress.Port ?? 0;

    /// <summary>The broker id other nodes and the metadata use: <c>host:port</c>.</summary>
    public string NodeId => Broker.NodeId;

    public Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(System);

    /// <summary>Completes once this node is Up in the cluster.</summary>
    public Task WhenUp { get; private set; } = Task.CompletedTask;

    public bool IsRunning { get; private set; }

    /// <summary>Starts a node on <paramref name="port"/> (0 = a free one): <c>root/name</c> holds its journal, <c>root/name.log</c> its log.</summary>
    public static LocalNode Start(string name, string root, int port)
    {
        var node = new LocalNode(name, Path.Combine(root, name), Path.Combine(root, $"{name}.log"));
        node.StartSystem(port);
        return node;
    }

    /// <summary>Founds a new cluster with this node as its only member.</summary>
    public void Found() => Cluster.Join(Cluster.SelfAddress);

    public void Join(Address seed) => Cluster.JoinSeedNodes([seed]);

    /// <summary>
    /// Kills the node as a crash would: its actor system is aborted, which skips coordinated shutdown, so it never
    /// leaves the cluster; its connections close as a dead process's would. Others learn of it only through their
    /// failure detectors.
    /// </summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        IsRunning = false;
        // A crash closes the process's sockets too: the Kafka clients' connections reset with the rest.
        await Kafka.DisposeAsync().ConfigureAwait(false);
        ((ExtendedActorSystem)System).Abort();
        await System.WhenTerminated.WaitAsync(timeout).ConfigureAwait(false);
        _loggers?.Dispose();
    }

    /// <summary>Starts a new incarnation on the same port and journal.</summary>
    public void Restart()
    {
        if (IsRunning) throw new InvalidOperationException($"{Name} is still running");
        StartSystem(Port);
    }

    public async Task StopAsync(TimeSpan timeout)
    {
        if (!IsRunning) return;
        IsRunning = false;
        try
        {
            await System.Terminate().WaitAsync(timeout).ConfigureAwait(false);
        }
        finally
        {
            _loggers?.Dispose();
        }
    }

    private void StartSystem(int port)
    {
        // INFO: the file is there to explain a run that surprised you.
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddProvider(new FileLoggerProvider(_logFile, LogLevel.Information)));
        ActorSystem? system = null;
        try
        {
            var setup = BootstrapSetup.Create().WithConfig(QuickstartConfig.Node(port, _dataDirectory)).And(new LoggerFactorySetup(loggers));
            system = ActorSystem.Create(QuickstartConfig.SystemName, setup);
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
            WhenUp = up.Task;
            Broker = BrokerHost.Start(system);
            Kafka = KafkaDoor.Start(system, Broker);
            System = system;
        }
        catch
        {
            system?.Terminate().Wait(TimeSpan.FromSeconds(10));
            loggers.Dispose();
            throw;
        }

        _loggers = loggers;
        IsRunning = true;
    }
}
