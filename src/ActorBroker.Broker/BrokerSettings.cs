using ActorBroker.Broker.ClusterPort;
using ActorBroker.Broker.Security;
using Akka.Actor;
using Akka.Configuration;
using ActorBroker.Protocol;

namespace ActorBroker.Broker;

/// <summary>
/// The <c>actorbroker.broker</c> settings of the control plane and request routing (the <c>partition</c> block belongs
/// to the partition logs). Read once at start and validated, so a bad value fails the node with the key's name.
/// </summary>
public sealed record BrokerSettings
{
    internal const string Section = "actorbroker.broker";

    /// <summary>Partitions of a topic created with -1 partitions (Kafka's num.partitions).</summary>
    public int DefaultPartitions { get; init; } = 1;

    /// <summary>Replicas of a topic created with replication factor -1 (Kafka's default.replication.factor).</summary>
    public short DefaultReplicationFactor { get; init; } = 1;

    /// <summary>The broker's topic config; a topic's overrides apply on top of it.</summary>
    public TopicConfig TopicDefaults { get; init; } = TopicConfig.Default;

    /// <summary>Most partitions in the whole cluster: metadata images carry every partition and are sent whole.</summary>
    public int MaxPartitions { get; init; } = 10_000;

    /// <summary>How often the controller re-sends what nobody acknowledged yet: partition placements, log deletions and metadata images.</summary>
    public TimeSpan ControllerRetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a delete-topic request waits for the partitions to delete their logs before it is answered RequestTimedOut.</summary>
    public TimeSpan TopicDeletionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>After the controller stopped on a failure (e.g. its journal failed), how long until it starts again and recovers.</summary>
    public TimeSpan ControllerRestartBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a starting controller waits for the live nodes' metadata before it goes on with its own journal.</summary>
    public TimeSpan ControllerStateReconcileTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public int ControllerMailboxCapacity { get; init; } = 10_000;

    /// <summary>
    /// The cluster's size for the controller's quorum: images take effect once a majority of max(this, broker nodes Up)
    /// stored them. 0: a majority of the broker nodes Up.
    /// </summary>
    public int ControllerQuorumSize { get; init; }

    /// <summary>Whether the controller hands leadership back to each partition's preferred replica (Kafka's auto.leader.rebalance.enable).</summary>
    public bool AutoLeaderRebalance { get; init; } = true;

    /// <summary>How often the controller looks for partitions not led by their preferred replica (Kafka's leader.imbalance.check.interval.seconds).</summary>
    public TimeSpan LeaderImbalanceCheckInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a node's metadata cache asks the controller to register it until the controller answers.</summary>
    public TimeSpan MetadataRegisterInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int MetadataMailboxCapacity { get; init; } = 10_000;

    /// <summary>Requests the node's front actor holds; beyond that they go to dead letters and their senders time out.</summary>
    public int FrontMailboxCapacity { get; init; } = 100_000;

    /// <summary>Whether the leader downs the fewest members on a cut link before the split-brain resolver downs all of them (<see cref="Membership.CutLinkResolver"/>).</summary>
    public bool CutLinkResolver { get; init; } = true;

    /// <summary>Connections the node's cluster port keeps open (see ConnectionLimitTransport).</summary>
    public ClusterPortLimits ClusterPort { get; init; } = new(4096, 1024);

    /// <summary>Whether the broker's front checks the ACLs of client certificates' requests (docs/security.md, <i>Client certificates</i>).</summary>
    public AuthorizationSettings ClusterPortAuthorization { get; init; } = AuthorizationSettings.Off;

    /// <summary>The settings of <paramref name="system"/>'s configuration, over the broker's defaults (<see cref="BrokerConfig.Defaults"/>).</summary>
    public static BrokerSettings Create(ActorSystem system) => FromConfig(BrokerConfig.WithDefaults(system.Settings.Config));

    /// <exception cref="BrokerConfigException">A value is missing, malformed or out of range; its path names the key.</exception>
    public static BrokerSettings FromConfig(Config config)
    {
        var c = new SettingsReader(config.GetConfig(Section), Section);
        var settings = new BrokerSettings
        {
            DefaultPartitions = c.AtLeast("default-partitions", 1),
            DefaultReplicationFactor = (short)c.Between("default-replication-factor", 1, short.MaxValue),
            TopicDefaults = ReadTopicDefaults(c),
            MaxPartitions = c.AtLeast("controller.max-partitions", 1),
            ControllerRetryInterval = c.Positive("controller.retry-interval"),
            TopicDeletionTimeout = c.Positive("controller.topic-deletion-timeout"),
            ControllerRestartBackoff = c.Positive("controller.restart-backoff"),
            ControllerStateReconcileTimeout = c.Positive("controller.state-reconcile-timeout"),
            ControllerMailboxCapacity = c.AtLeast("controller.mailbox-capacity", 1),
            ControllerQuorumSize = c.AtLeast("controller.quorum-size", 0),
            AutoLeaderRebalance = c.Flag("controller.auto-leader-rebalance"),
            LeaderImbalanceCheckInterval = c.Positive("controller.leader-imbalance-check-interval"),
            MetadataRegisterInterval = c.Positive("metadata.register-interval"),
            MetadataMailboxCapacity = c.AtLeast("metadata.mailbox-capacity", 1),
            FrontMailboxCapacity = c.AtLeast("front.mailbox-capacity", 1),
            CutLinkResolver = c.Flag("membership.cut-link-resolver"),
            ClusterPort = ClusterPortLimits.Read(c),
            ClusterPortAuthorization = AuthorizationSettings.Read(
                new SettingsReader(config.GetConfig(ClusterPortLimits.Section), ClusterPortLimits.Section), ClusterPortLimits.Section),
        };
        if (settings.DefaultPartitions > settings.MaxPartitions)
            throw c.Error("default-partitions",
                $"{Section}.default-partitions is {settings.DefaultPartitions}, more than {Section}.controller.max-partitions ({settings.MaxPartitions})");
        return settings;
    }

    // Keys are Kafka's broker defaults in HOCON form; durations and sizes read as such, "off" means no limit.
    private static TopicConfig ReadTopicDefaults(SettingsReader c) => new()
    {
        MinInsyncReplicas = c.AtLeast("topic-defaults.min-insync-replicas", 1),
        RetentionMs = c.IsOff("topic-defaults.retention") ? -1 : (long)c.Positive("topic-defaults.retention").TotalMilliseconds,
        RetentionBytes = c.IsOff("topic-defaults.retention-bytes") ? -1 : c.PositiveSize("topic-defaults.retention-bytes", long.MaxValue),
        MaxMessageBytes = (int)c.PositiveSize("topic-defaults.max-message-bytes", int.MaxValue),
        UncleanLeaderElectionEnable = c.Flag("topic-defaults.unclean-leader-election"),
    };
}
