using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Sharding;

/// <summary>The <c>actorbroker.cluster.sharding</c> section, validated at start so a bad value fails fast with its key.</summary>
public sealed record ClusterShardingSettings
{
    internal const string Section = "actorbroker.cluster.sharding";

    /// <summary>Regions host shards, and the coordinator runs, only on members with this role; null = any member.</summary>
    public string? Role { get; init; }

    /// <summary>Entities are restarted when their shard starts (on another node after a hand-off or crash); needs a journal.</summary>
    public bool RememberEntities { get; init; }

    /// <summary>Entities that received nothing this long are passivated; null = never.</summary>
    public TimeSpan? PassivateIdleEntityAfter { get; init; }

    /// <summary>Messages a region (or a shard, for passivating entities) holds while their destination is unknown or moving.</summary>
    public int BufferSize { get; init; } = 100_000;

    /// <summary>Shards of the default <see cref="HashCodeMessageExtractor"/> when Start is given no extractor.</summary>
    public int NumberOfShards { get; init; } = 100;

    /// <summary>How often a region retries registering with the coordinator and asking for shard homes.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a hand-off may take: the acks of all regions, then the entities' stop; then they are stopped hard.</summary>
    public TimeSpan HandOffTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the coordinator waits for a region to confirm it started a shard before asking again.</summary>
    public TimeSpan ShardStartTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the coordinator asks the allocation strategy which shards to move.</summary>
    public TimeSpan RebalanceInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a region waits after its coordinator terminated before registering with the next one.</summary>
    public TimeSpan CoordinatorFailureBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>With remember-entities, how long after an entity stopped unasked it is started again.</summary>
    public TimeSpan EntityRestartBackoff { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most shards one rebalance round of the least-shard strategy moves.</summary>
    public int RebalanceAbsoluteLimit { get; init; } = 20;

    /// <summary>Most shards one rebalance round moves as a fraction of all shards (at least one).</summary>
    public double RebalanceRelativeLimit { get; init; } = 0.1;

    /// <summary>The settings from <paramref name="system"/>'s configuration.</summary>
    public static ClusterShardingSettings Create(ActorSystem system) => FromConfig(system.Config);

    public static ClusterShardingSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var role = c.GetString("role", "").Trim();
        var settings = new ClusterShardingSettings
        {
            Role = role.Length == 0 ? null : role,
            RememberEntities = c.GetBoolean("remember-entities"),
            PassivateIdleEntityAfter = ClusterSettings.IsOff(c, "passivate-idle-entity-after") ? null : Positive(c, "passivate-idle-entity-after"),
            BufferSize = AtLeast(c, "buffer-size", 1),
            NumberOfShards = AtLeast(c, "number-of-shards", 1),
            RetryInterval = Positive(c, "retry-interval"),
            HandOffTimeout = Positive(c, "handoff-timeout"),
            ShardStartTimeout = Positive(c, "shard-start-timeout"),
            RebalanceInterval = Positive(c, "rebalance-interval"),
            CoordinatorFailureBackoff = Positive(c, "coordinator-failure-backoff"),
            EntityRestartBackoff = Positive(c, "entity-restart-backoff"),
            RebalanceAbsoluteLimit = AtLeast(c, "least-shard-allocation-strategy.rebalance-absolute-limit", 1),
            RebalanceRelativeLimit = c.GetDouble("least-shard-allocation-strategy.rebalance-relative-limit"),
        };
        if (settings.RebalanceRelativeLimit is < 0 or > 1 || double.IsNaN(settings.RebalanceRelativeLimit))
            throw new ConfigException($"{Section}.least-shard-allocation-strategy.rebalance-relative-limit",
                $"{Section}.least-shard-allocation-strategy.rebalance-relative-limit must be between 0 and 1, was {settings.RebalanceRelativeLimit}");
        return settings;
    }

    public ClusterShardingSettings WithRole(string? role) => this with { Role = string.IsNullOrEmpty(role) ? null : role };

    public ClusterShardingSettings WithRememberEntities(bool on) => this with { RememberEntities = on };

    private static TimeSpan Positive(Config c, string key)
    {
        var value = c.GetTimeSpan(key);
        if (value <= TimeSpan.Zero) throw new ConfigException($"{Section}.{key}", $"{Section}.{key} must be positive, was {value}");
        return value;
    }

    private static int AtLeast(Config c, string key, int min)
    {
        var value = c.GetInt(key);
        if (value < min) throw new ConfigException($"{Section}.{key}", $"{Section}.{key} must be at least {min}, was {value}");
        return value;
    }
}
