using System.Net.Sockets;
using ActorBroker.Broker;
using ActorBroker.Broker.ClusterPort;
using ActorBroker.Cli.Commands;
using ActorBroker.Journal;
using ActorBroker.Kafka;
using ActorBroker.Kafka.Listener;
using ActorBroker.Tls;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Node;

/// <summary>
/// Runs one broker node in a Microsoft.Extensions.Hosting host with Akka.Hosting: the host owns the actor system's
/// life (SIGTERM and Ctrl-C stop the host, which runs Akka's coordinated shutdown, so the node leaves the cluster
/// gracefully), Akka's log goes to the host's console logger, and the broker starts once the system is up, then the
/// Kafka listener in front of it (unless <c>actorbroker.kafka.enabled</c> is off).
/// </summary>
internal static class NodeHost
{
    public static async Task<int> RunAsync(Config config, TextWriter output)
    {
        var systemName = config.GetString("actorbroker.node.system-name");
        // Bad broker settings fail here, naming their key, before any port is bound.
        var settings = BrokerSettings.FromConfig(config);
        ClusterPortAdapters.RequireApplied(config);
        var kafkaSettings = KafkaSettings.FromConfig(config);
        // TLS files are read and checked here too: a missing or wrong one fails naming its key, not as refused handshakes.
        var tls = TlsSettings.ForNode(config);
        RemotingScheme.RequireSeeds(config, tls.Enabled);
        using var credentials = tls.Enabled ? TlsCredentials.Load(tls, PeerRole.Node) : null;
        try
        {
            ActorBrokerJournal.CheckDataDirectories(config);
        }
        catch (DataDirectoryException e)
        {
            throw new NodeStartException(e.Message, e);
        }

        var brokerStarted = new TaskCompletionSource<BrokerHost>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        // A node that cannot start says why in one line of its own (below); the hosts' stack traces would bury it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None).AddFilter("Akka.Hosting", LogLevel.None);
        builder.Services.AddAkka(systemName, akka =>
        {
            // The host stops the system on SIGTERM/Ctrl-C; Akka's own process-exit hook would race it and hide why the node stopped.
            akka.AddHocon(ConfigurationFactory.ParseString("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off").WithFallback(config), HoconAddMode.Prepend);
            if (credentials is not null)
            {
                akka.AddHocon(TlsCredentials.RemotingConfig, HoconAddMode.Prepend);
                // The validator records each peer's certificate role; the cluster port's adapter holds clients to theirs.
                foreach (var setup in credentials.Setups()) akka.AddSetup(setup);
            }
            akka.ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            akka.AddStartup((system, _) =>
            {
                try
                {
                    brokerStarted.TrySetResult(StartBroker(system, settings, config, output));
                }
                catch (Exception e)
                {
                    brokerStarted.TrySetException(e);
                    throw;
                }
            });
        });

        IHost host;
        try
        {
            host = builder.Build();
            await host.StartAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            var endpoint = $"{config.GetString("akka.remote.dot-netty.tcp.hostname")}:{config.GetInt("akka.remote.dot-netty.tcp.port")}";
            throw Innermost(e) is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                ? new NodeStartException($"Cannot listen on {endpoint}: the port is already in use (another node?)", e)
                : new NodeStartException($"the node could not start on {endpoint}: {Innermost(e).Message}", e);
        }

        using (host)
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            if (credentials is null && !config.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"))
                NodeLog.PlaintextRemoting(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ActorBroker.Node"), Cluster.Get(system).SelfAddress.ToString());
            if (kafkaSettings.Enabled) await StartKafkaAsync(host, system, await brokerStarted.Task.ConfigureAwait(false), kafkaSettings, output).ConfigureAwait(false);
            // A stop asked for (SIGTERM, Ctrl-C) finds the system running; a system that ended first was downed or removed.
            var stopAsked = false;
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopAsked = !system.WhenTerminated.IsCompleted);
            await host.WaitForShutdownAsync().ConfigureAwait(false);
            var address = Cluster.Get(system).SelfAddress;
            var reason = CoordinatedShutdown.Get(system).ShutdownReason;
            if (!stopAsked && reason is VitalActorStoppedReason)
            {
                output.WriteLine($"Node {address} stopped: an actor it cannot serve without stopped (see the error above); restart the node");
                return NodeCommand.ExitDowned;
            }

            if (!stopAsked && reason is not CoordinatedShutdown.ClrExitReason)
            {
                output.WriteLine($"Node {address} stopped: it was downed or removed from the cluster ({reason?.GetType().Name ?? "no reason given"})");
                return NodeCommand.ExitDowned;
            }

            output.WriteLine($"Node {address} left the cluster and stopped");
            return 0;
        }
    }

    /// <summary>Starts the Kafka door; a listener that cannot bind stops the node, naming the setting.</summary>
    private static async Task StartKafkaAsync(IHost host, ActorSystem system, BrokerHost broker, KafkaSettings settings, TextWriter output)
    {
        KafkaDoor door;
        try
        {
            door = KafkaDoor.Start(system, broker, settings);
        }
        catch (KafkaListenerException e)
        {
            await host.StopAsync().ConfigureAwait(false);
            throw new NodeStartException(e.Message, e);
        }

        lock (output)
        {
            output.WriteLine($"Kafka clients connect on {door.LocalEndPoint} (advertised as {door.Advertised}; bootstrap.servers={door.Advertised})");
            output.Flush();
        }
    }

    private static BrokerHost StartBroker(ActorSystem system, BrokerSettings settings, Config config, TextWriter output)
    {
        var cluster = Cluster.Get(system);
        if (config.GetBoolean("actorbroker.node.log-membership-changes"))
            cluster.Subscribe(system.ActorOf(MembershipLogger.Props(), "membership-logger"), ClusterEvent.InitialStateAsEvents,
                typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent), typeof(ClusterEvent.LeaderChanged));
        var broker = BrokerHost.Start(system, settings);
        lock (output)
        {
            output.WriteLine($"Node {cluster.SelfAddress} started (uid {cluster.SelfUniqueAddress.Uid}); seed nodes: [{string.Join(", ", cluster.Settings.SeedNodes)}]");
            output.Flush();
        }
        cluster.RegisterOnMemberUp(() =>
        {
            lock (output)
            {
                output.WriteLine($"Node {cluster.SelfAddress} is Up");
                output.Flush();
            }
        });
        return broker;
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
