using Akka.Configuration;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// The configuration of the CLI's client commands (topics, produce, consume, perf): <c>--bootstrap-server</c> and
/// <c>--system</c> over an optional <c>--command-config</c> HOCON file; the client library adds its own system defaults
/// (remoting on an ephemeral port) and the reference settings under it, so the reference node port never applies here.
/// Client systems log warnings only, so that stdout carries the command's output.
/// </summary>
internal static class ClientConfig
{
    public const string Options = "--bootstrap-server HOST:PORT[,HOST:PORT] [--system NAME] [--command-config FILE]";

    public static readonly string[] OptionNames = ["--bootstrap-server", "--system", "--command-config"];

    public static Config Build(CommandLine line, params string[] extraHocon)
    {
        var file = line["--command-config"] is { } path ? HoconFiles.Load(path) : Config.Empty;
        var overrides = new List<string> { "akka.loglevel = WARNING" };
        overrides.AddRange(extraHocon);
        if (line.List("--bootstrap-server") is { Count: > 0 } servers)
            overrides.Add($"actorbroker.client.bootstrap-servers = [{string.Join(", ", servers.Select(HoconText.Quote))}]");
        if (line["--system"] is { } system) overrides.Add($"actorbroker.client.cluster-system-name = {HoconText.Quote(system)}");
        return ConfigurationFactory.ParseString(string.Join('\n', overrides))
            .WithFallback(file);
    }
}
