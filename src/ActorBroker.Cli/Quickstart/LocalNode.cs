using ActorBroker.Actors;
using ActorBroker.Broker;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Quickstart;

/// <summary>
/// One broker node inside the quickstart's process: an actor system that is a cluster member, with its own SQLite
/// journal directory and a log file, and a broker started on it. It can be killed as a crash would and started again
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

    public int Port => System.Address.Port ?? 0;

    /// <summary>The broker id other nodes and the metadata use: <c>host:port</c>.</summary>
    public string NodeId => Broker.NodeId;

    public Cluster.Cluster Cluster => ActorBroker.Cluster.Cluster.Get(System);

    public bool IsRunning { get; private set; }

    /// <summary>Starts a node on <paramref name="port"/> (0 = a free one): <c>root/name</c> holds its journal, <c>root/name.log</c> its log.</summary>
    public static LocalNode Start(string name, string root, int port)
    {
        var node = new LocalNode(name, Path.Combine(root, name), Path.Combine(root, $"{name}.log"));
        node.StartSystem(port);
        return node;
    }

    /// <summary>Founds a new cluster with this node as its only member.</summary>
    public void Found() => Cluster.Join(System.Address);

    public void Join(Address seed) => Cluster.JoinSeedNodes([seed]);

    /// <summary>
    /// Kills the node as a crash would: its connections are reset first, so no goodbye, gossip or queued message leaves
    /// it, then its actor system stops. Others learn of it only through their failure detectors.
    /// </summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        IsRunning = false;
        ((RemoteActorRefProvider)System.Provider).AbortTransport();
        await System.Terminate().WaitAsync(timeout).ConfigureAwait(false);
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
            system = ActorSystem.Create(QuickstartConfig.SystemName, new ActorSystemSetup(QuickstartConfig.Node(port, _dataDirectory), loggers));
            Broker = BrokerHost.Start(system);
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
