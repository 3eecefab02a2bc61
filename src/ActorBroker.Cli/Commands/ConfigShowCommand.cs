using Akka.Actor;
using Akka.Configuration;

namespace ActorBroker.Cli.Commands;

/// <summary>Prints the effective configuration: a node's file over the reference defaults, as the node would see it.</summary>
internal sealed class ConfigShowCommand : ICommand
{
    public int Words => 2;

    public string Usage => "config show [--config FILE] [--path P]";

    public string Description => "print the effective configuration (FILE over hocon/reference.conf)";

    public bool Matches(string[] args) => args is ["config", "show", ..];

    public int Run(string[] args, TextWriter output)
    {
        string? file = null;
        string? path = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length:
                    file = args[++i];
                    break;
                case "--path" when i + 1 < args.Length:
                    path = args[++i];
                    break;
                default:
                    throw new UsageException($"config show: unexpected argument '{args[i]}'; usage: {Usage}");
            }
        }

        var config = (file is null ? Config.Empty : HoconFiles.Load(file)).WithFallback(NodeConfig.NodeDefaults);
        output.Write(HoconPrinter.Print(config, path) ?? throw new UsageException($"config show: no settings under '{path}'"));
        return 0;
    }
}
