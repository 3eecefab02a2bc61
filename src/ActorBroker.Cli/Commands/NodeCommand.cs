using ActorBroker.Cli.Node;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// Starts a cluster node from a HOCON file with flag overrides and runs it until it is stopped: SIGTERM or Ctrl-C
/// make it leave the cluster gracefully (exit 0); being downed or removed by the cluster ends it with exit 3.
/// </summary>
internal sealed class NodeCommand : ICommand
{
    public const int ExitDowned = 3;

    public int Words => 1;

    public string Usage => "node [--config FILE] [--host H] [--port P] [--seed-nodes A,B] [--roles R,S] [--data-dir D] [--kafka-listener HOST:PORT|off] [--tls-certificate FILE.pfx]";

    public string Description => "start a broker node, seed or member (see hocon/seed.conf, hocon/member.conf)";

    public bool Matches(string[] args) => args is ["node", ..];

    public int Run(string[] args, TextWriter output)
    {
        var config = NodeConfig.Build(new CommandLine(args, Usage, "--config", "--host", "--port", "--seed-nodes", "--roles", "--data-dir", "--kafka-listener", "--tls-certificate"));
        return NodeHost.RunAsync(config, output).GetAwaiter().GetResult();
    }
}

/// <summary>The node could not start for a reason outside the config file (e.g. its port is taken).</summary>
internal sealed class NodeStartException(string message, Exception? inner = null) : Exception(message, inner);
