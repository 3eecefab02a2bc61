using ActorBroker.Cli.Commands;
using ActorBroker.Protocol;

namespace ActorBroker.Cli;

/// <summary>The <c>actorbroker</c> executable: parses the command line and hands off to a command. No broker logic lives here.</summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Runs one command line; returns the exit code (0 ok, 1 runtime or config error, 2 usage error).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var commands = new ICommand[]
        {
            new QuickstartCommand(), new NodeCommand(), new ClusterStatusCommand(), new TopicsCommand(), new PartitionsCommand(), new UsersCommand(), new AclsCommand(),
            new ProduceCommand(), new ConsumeCommand(), new PerfCommand(), new CertsCommand(), new ConfigShowCommand(), new VersionCommand(),
        };
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            PrintUsage(commands, stdout);
            return args.Length == 0 ? 2 : 0;
        }

        var command = commands.FirstOrDefault(c => c.Matches(args));
        if (command is null)
        {
            stderr.WriteLine($"actorbroker: unknown command '{string.Join(' ', args.Take(2))}'. Run 'actorbroker help'.");
            return 2;
        }

        try
        {
            return command.Run(args.Skip(command.Words).ToArray(), stdout);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"actorbroker: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is ActorBroker.Hocon.HoconParseException or Akka.Configuration.ConfigurationException or FileNotFoundException or DirectoryNotFoundException)
        {
            stderr.WriteLine($"actorbroker: configuration error: {e.Message}");
            return 1;
        }
        catch (NodeStartException e)
        {
            stderr.WriteLine($"actorbroker: {e.Message}");
            return 1;
        }
        catch (BrokerException e)
        {
            stderr.WriteLine($"actorbroker: {e.Message}");
            return 1;
        }
        catch (TimeoutException e)
        {
            stderr.WriteLine($"actorbroker: {e.Message} (is a node running at the --bootstrap-server address, is --system its system name, and if the node requires TLS, does --command-config give actorbroker.tls?)");
            return 1;
        }
    }

    private static void PrintUsage(IEnumerable<ICommand> commands, TextWriter stdout)
    {
        stdout.WriteLine("usage: actorbroker <command> [options]");
        stdout.WriteLine();
        foreach (var c in commands) stdout.WriteLine($"  {c.Usage,-40} {c.Description}");
    }
}
