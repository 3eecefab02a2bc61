using System.Runtime.InteropServices;
using ActorBroker.Actors;
using ActorBroker.Broker;
using ActorBroker.Cluster;
using ActorBroker.Hocon;
using ActorBroker.Remote;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Starts a cluster node from a HOCON file with flag overrides and runs it until it is stopped: SIGTERM or Ctrl-C
/// make it leave the cluster gracefully (exit 0); being downed or removed by the cluster ends it with exit 3.
/// </summary>
internal sealed class NodeCommand : ICommand
{
    public const int ExitDowned = 3;

    public int Words => 1;

    public string Usage => "node [--config FILE] [--host H] [--port P] [--seed-nodes A,B] [--roles R,S] [--data-dir D]";

    public string Description => "start a broker node, seed or member (see hocon/seed.conf, hocon/member.conf)";

    public bool Matches(string[] args) => args is ["node", ..];

    public int Run(string[] args, TextWriter output)
    {
        var config = NodeConfig.Build(new CommandLine(args, Usage, "--config", "--host", "--port", "--seed-nodes", "--roles", "--data-dir"));
        var systemName = config.GetString("actorbroker.node.system-name");
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(systemName, config);
        }
        catch (RemoteTransportException e)
        {
            throw new NodeStartException(e.Message);
        }

        try
        {
            BrokerHost.Start(system);
        }
        catch
        {
            // A bad broker setting: stop the half-started node so the process can exit with the config error.
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            throw;
        }

        return RunUntilStoppedAsync(system, config, output).GetAwaiter().GetResult();
    }

    private static async Task<int> RunUntilStoppedAsync(ActorSystem system, Config config, TextWriter output)
    {
        var cluster = Cluster.Cluster.Get(system);
        if (config.GetBoolean("actorbroker.node.log-membership-changes"))
            cluster.Subscribe(system.ActorOf(Props.Create(() => new MembershipLogger()), "membership-logger"), InitialStateMode.AsEvents);
        output.WriteLine($"Node {cluster.SelfAddress} started (uid {cluster.SelfUniqueAddress.Uid}); seed nodes: [{string.Join(", ", cluster.Settings.SeedNodes)}]");
        output.Flush();
        cluster.RegisterOnMemberUp(() =>
        {
            lock (output)
            {
                output.WriteLine($"Node {cluster.SelfAddress} is Up");
                output.Flush();
            }
        });

        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);

        var finished = await Task.WhenAny(stopRequested.Task, system.WhenTerminated).ConfigureAwait(false);
        if (finished == system.WhenTerminated)
        {
            output.WriteLine($"Node {cluster.SelfAddress} stopped: it was downed or removed from the cluster");
            return ExitDowned;
        }

        output.WriteLine($"Node {cluster.SelfAddress} is leaving the cluster");
        output.Flush();
        await cluster.LeaveAsync().ConfigureAwait(false);
        await system.Terminate().ConfigureAwait(false);
        output.WriteLine($"Node {cluster.SelfAddress} left the cluster and stopped");
        return 0;

        void OnSignal(PosixSignalContext context)
        {
            // Keep the process alive until the graceful leave has finished.
            context.Cancel = true;
            stopRequested.TrySetResult();
        }
    }
}

/// <summary>The node could not start for a reason outside the config file (e.g. its port is taken).</summary>
internal sealed class NodeStartException(string message) : Exception(message);
