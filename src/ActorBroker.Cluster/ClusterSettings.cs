using ActorBroker.Actors;
using ActorBroker.Hocon;
using ActorBroker.Remote.FailureDetection;

namespace ActorBroker.Cluster;

/// <summary>The <c>actorbroker.cluster</c> section, validated at start so a bad value fails fast with its key.</summary>
public sealed record ClusterSettings
{
    private const string Section = "actorbroker.cluster";

    public required IReadOnlyList<Address> SeedNodes { get; init; }

    public required IReadOnlyList<string> Roles { get; init; }

    public required TimeSpan SeedNodeTimeout { get; init; }

    /// <summary>Null = keep retrying the seeds forever.</summary>
    public required TimeSpan? ShutdownAfterUnsuccessfulJoinSeedNodes { get; init; }

    public required TimeSpan GossipInterval { get; init; }

    public required TimeSpan LeaderActionsInterval { get; init; }

    public required TimeSpan UnreachableNodesReaperInterval { get; init; }

    public required bool RunCoordinatedShutdownWhenDown { get; init; }

    public required TimeSpan LeaveTimeout { get; init; }

    public required FailureDetectorSettings FailureDetector { get; init; }

    public required int MonitoredByNrOfMembers { get; init; }

    public required SplitBrainResolverSettings SplitBrainResolver { get; init; }

    public static ClusterSettings FromConfig(Config config)
    {
        var c = config.GetConfig(Section);
        var seeds = new List<Address>();
        foreach (var text in c.GetStringList("seed-nodes"))
        {
            if (!Address.TryParse(text, out var address) || !address.HasGlobalScope)
                throw new ConfigException($"{Section}.seed-nodes", $"{Section}.seed-nodes: '{text}' is not a node address; expected e.g. abroker.tcp://broker@127.0.0.1:2552");
            seeds.Add(address);
        }

        var settings = new ClusterSettings
        {
            SeedNodes = seeds,
            Roles = c.GetStringList("roles"),
            SeedNodeTimeout = c.GetTimeSpan("seed-node-timeout"),
            ShutdownAfterUnsuccessfulJoinSeedNodes = IsOff(c, "shutdown-after-unsuccessful-join-seed-nodes") ? null : c.GetTimeSpan("shutdown-after-unsuccessful-join-seed-nodes"),
            GossipInterval = c.GetTimeSpan("gossip-interval"),
            LeaderActionsInterval = c.GetTimeSpan("leader-actions-interval"),
            UnreachableNodesReaperInterval = c.GetTimeSpan("unreachable-nodes-reaper-interval"),
            RunCoordinatedShutdownWhenDown = c.GetBoolean("run-coordinated-shutdown-when-down"),
            LeaveTimeout = c.GetTimeSpan("leave-timeout"),
            FailureDetector = FailureDetectorSettings.FromConfig(c.GetConfig("failure-detector"), $"{Section}.failure-detector"),
            MonitoredByNrOfMembers = c.GetInt("failure-detector.monitored-by-nr-of-members"),
            SplitBrainResolver = SplitBrainResolverSettings.FromConfig(c.GetConfig("split-brain-resolver")),
        };
        foreach (var (key, value) in new[]
                 {
                     ("seed-node-timeout", settings.SeedNodeTimeout), ("gossip-interval", settings.GossipInterval),
                     ("leader-actions-interval", settings.LeaderActionsInterval), ("unreachable-nodes-reaper-interval", settings.UnreachableNodesReaperInterval),
                     ("leave-timeout", settings.LeaveTimeout),
                 })
        {
            if (value <= TimeSpan.Zero) throw new ConfigException($"{Section}.{key}", $"{Section}.{key} must be positive");
        }

        if (settings.MonitoredByNrOfMembers < 1)
            throw new ConfigException($"{Section}.failure-detector.monitored-by-nr-of-members", $"{Section}.failure-detector.monitored-by-nr-of-members must be at least 1");
        return settings;
    }

    internal static bool IsOff(Config c, string key) =>
        c.GetString(key, "").Trim().ToLowerInvariant() is "off" or "false" or "no" or "";
}

/// <summary>Which split-brain strategy downs unreachable members, and when.</summary>
public sealed record SplitBrainResolverSettings(string ActiveStrategy, TimeSpan StableAfter, TimeSpan? DownAllWhenUnstable, string? Role, int QuorumSize)
{
    private const string Section = "actorbroker.cluster.split-brain-resolver";

    public static SplitBrainResolverSettings FromConfig(Config c)
    {
        var strategy = c.GetString("active-strategy").Trim().ToLowerInvariant();
        if (strategy is not ("keep-majority" or "static-quorum" or "off"))
            throw new ConfigException($"{Section}.active-strategy", $"{Section}.active-strategy must be keep-majority, static-quorum or off, was '{strategy}'");
        var stableAfter = c.GetTimeSpan("stable-after");
        if (stableAfter <= TimeSpan.Zero) throw new ConfigException($"{Section}.stable-after", $"{Section}.stable-after must be positive");
        var unstable = ClusterSettings.IsOff(c, "down-all-when-unstable") ? (TimeSpan?)null : c.GetTimeSpan("down-all-when-unstable");
        var role = strategy == "static-quorum" ? c.GetString("static-quorum.role", "") : c.GetString("keep-majority.role", "");
        var quorum = c.GetInt("static-quorum.quorum-size", 0);
        if (strategy == "static-quorum" && quorum < 1)
            throw new ConfigException($"{Section}.static-quorum.quorum-size", $"{Section}.static-quorum.quorum-size must be set (at least 1) for the static-quorum strategy");
        return new SplitBrainResolverSettings(strategy, stableAfter, unstable, role.Length == 0 ? null : role, quorum);
    }
}
