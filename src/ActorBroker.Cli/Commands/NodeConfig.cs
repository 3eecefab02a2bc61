using System.Globalization;
using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Cli.Commands;

/// <summary>A node's configuration: command-line flags over the file over the reference defaults, with provider = cluster.</summary>
internal static class NodeConfig
{
    public static Config Build(CommandLine line)
    {
        var file = line["--config"] is { } path ? ConfigurationFactory.ParseFile(path) : Config.Empty;
        var baseConfig = file.WithFallback(ConfigurationFactory.ParseString("actorbroker.actor.provider = cluster", "actorbroker node")).WithFallback(ReferenceConfig.Load());
        var systemName = baseConfig.GetString("actorbroker.node.system-name");
        var overrides = new List<string>();
        if (line["--host"] is { } host) overrides.Add($"actorbroker.remote.hostname = {HoconText.Quote(host)}");
        if (line.Int("--port", 0, 65535) is { } port) overrides.Add($"actorbroker.remote.port = {port.ToString(CultureInfo.InvariantCulture)}");
        if (line.List("--seed-nodes") is { } seeds)
            overrides.Add($"actorbroker.cluster.seed-nodes = [{string.Join(", ", seeds.Select(s => HoconText.Quote(SeedAddress(s, systemName))))}]");
        if (line.List("--roles") is { } roles) overrides.Add($"actorbroker.cluster.roles = [{string.Join(", ", roles.Select(HoconText.Quote))}]");
        if (line["--data-dir"] is { } dataDir) overrides.Add($"actorbroker.persistence.sqlite.data-directory = {HoconText.Quote(dataDir)}");
        return overrides.Count == 0
            ? baseConfig
            : ConfigurationFactory.ParseString(string.Join('\n', overrides), "command-line flags").WithFallback(baseConfig);
    }

    /// <summary>A seed given as host:port gets the node's protocol and system name; a full address is taken as is.</summary>
    private static string SeedAddress(string seed, string systemName)
    {
        if (seed.Contains("://", StringComparison.Ordinal)) return seed;
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed.AsSpan(colon + 1), out _))
            throw new UsageException($"--seed-nodes: '{seed}' is neither host:port nor a node address like abroker.tcp://{systemName}@127.0.0.1:2552");
        return $"abroker.tcp://{systemName}@{seed}";
    }
}
