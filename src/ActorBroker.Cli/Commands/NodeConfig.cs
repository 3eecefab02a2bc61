using System.Globalization;
using ActorBroker.Broker;
using ActorBroker.Broker.ClusterPort;
using ActorBroker.Broker.Serialization;
using ActorBroker.Journal;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.DistributedData;
using Akka.Configuration;
using Akka.Persistence.Sql;
using ActorBroker.Tls;

namespace ActorBroker.Cli.Commands;

/// <summary>
/// A node's configuration: command-line flags over the file over the project's reference (hocon/reference.conf,
/// which sets Akka's cluster, split-brain resolver and journal for broker nodes) over the broker's serializer
/// bindings and the cluster port's connection limits, with <c>akka.actor.provider = cluster</c>.
/// </summary>
internal static class NodeConfig
{
    public static Config Build(CommandLine line)
    {
        var file = line["--config"] is { } path ? HoconFiles.Load(path) : Config.Empty;
        var baseConfig = file.WithFallback(NodeDefaults);
        var systemName = baseConfig.GetString("actorbroker.node.system-name");
        // Akka.Remote names its TLS transport akka.ssl.tcp: seeds given as host:port take the scheme the node will speak.
        var protocol = RemotingScheme.For(TlsSettings.IsOn(baseConfig));
        var overrides = new List<string>();
        if (line["--host"] is { } host) overrides.Add($"akka.remote.dot-netty.tcp.hostname = {HoconText.Quote(host)}");
        if (line.Int("--port", 0, 65535) is { } port) overrides.Add($"akka.remote.dot-netty.tcp.port = {port.ToString(CultureInfo.InvariantCulture)}");
        if (line.List("--seed-nodes") is { } seeds)
            overrides.Add($"akka.cluster.seed-nodes = [{string.Join(", ", seeds.Select(s => HoconText.Quote(SeedAddress(s, systemName, protocol))))}]");
        if (line.List("--roles") is { } roles) overrides.Add($"akka.cluster.roles = [{string.Join(", ", roles.Select(HoconText.Quote))}]");
        if (line["--data-dir"] is { } dataDir)
        {
            overrides.Add($"actorbroker.persistence.journal.sqlite.data-directory = {HoconText.Quote(dataDir)}");
            overrides.Add($"actorbroker.persistence.snapshot-store.sqlite.data-directory = {HoconText.Quote(dataDir)}");
        }
        // Nodes sharing one file (member.conf) share its CA but each has a certificate of its own.
        if (line["--tls-certificate"] is { } certificate) overrides.Add($"actorbroker.tls.certificate = {HoconText.Quote(certificate)}");
        if (line["--kafka-listener"] is { } kafka)
        {
            overrides.Add(kafka.Equals("off", StringComparison.OrdinalIgnoreCase)
                ? "actorbroker.kafka.enabled = off"
                : $"actorbroker.kafka.listener = {HoconText.Quote(kafka)}");
        }

        return overrides.Count == 0 ? baseConfig : ConfigurationFactory.ParseString(string.Join('\n', overrides)).WithFallback(baseConfig);
    }

    /// <summary>
    /// What every node runs with under its own file: a cluster member with the reference settings (broker, client,
    /// Akka's cluster and the SQLite journal) and every serializer binding its remote traffic needs. Akka builds its
    /// serializer map when the system starts, so the defaults of the cluster tools, sharding and distributed data,
    /// which carry their serializers' bindings, are given here rather than left to the extensions' late loading.
    /// Akka.Persistence.Sql's defaults are here so that a node's file can select PostgreSQL with a plugin path alone.
    /// </summary>
    public static Config NodeDefaults { get; } = ConfigurationFactory.ParseString("akka.actor.provider = cluster")
        .WithFallback(LoadReference())
        .WithFallback(BrokerConfig.Defaults)
        .WithFallback(BrokerAkkaSerialization.Config)
        .WithFallback(ClusterPortAdapters.Config)
        .WithFallback(ActorBrokerJournal.DefaultConfiguration())
        .WithFallback(SqlPersistence.DefaultConfiguration)
        .WithFallback(ClusterClientReceptionist.DefaultConfig())
        .WithFallback(DistributedPubSub.DefaultConfig())
        .WithFallback(ClusterSharding.DefaultConfig())
        .WithFallback(ClusterSingleton.DefaultConfig())
        .WithFallback(DistributedData.DefaultConfig());

    private static Config LoadReference()
    {
        using var stream = typeof(NodeConfig).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is missing from the actorbroker executable; the build must embed hocon/reference.conf");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    /// <summary>A seed given as host:port gets Akka's protocol and the node's system name; a full address is taken as is.</summary>
    private static string SeedAddress(string seed, string systemName, string protocol)
    {
        if (seed.Contains("://", StringComparison.Ordinal)) return seed;
        var colon = seed.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(seed.AsSpan(colon + 1), out _))
            throw new UsageException($"--seed-nodes: '{seed}' is neither host:port nor a node address like akka.tcp://{systemName}@127.0.0.1:2552");
        return $"{protocol}://{systemName}@{seed}";
    }
}
