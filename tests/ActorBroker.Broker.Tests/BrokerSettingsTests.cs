using Akka.Configuration;

namespace ActorBroker.Broker.Tests;

public sealed class BrokerSettingsTests
{
    private static BrokerSettings Read(string hocon) =>
        BrokerSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(BrokerConfig.Defaults));

    [Fact]
    public void The_reference_configuration_gives_kafkas_defaults()
    {
        var settings = BrokerSettings.FromConfig(BrokerConfig.Defaults);

        Assert.Equal(1, settings.DefaultPartitions);
        Assert.Equal(1, settings.DefaultReplicationFactor);
        Assert.Equal(Protocol.TopicConfig.Default, settings.TopicDefaults);
        Assert.Equal(10_000, settings.MaxPartitions);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.ControllerRetryInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.TopicDeletionTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.MetadataRegisterInterval);
        Assert.Equal(100_000, settings.FrontMailboxCapacity);
        Assert.True(settings.AutoLeaderRebalance);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.LeaderImbalanceCheckInterval);
        Assert.Equal(new Broker.ClusterPort.ClusterPortLimits(4096, 1024), settings.ClusterPort);
    }

    [Fact]
    public void Preferred_leader_election_can_be_turned_off_and_its_interval_set()
    {
        var settings = Read("actorbroker.broker.controller { auto-leader-rebalance = off, leader-imbalance-check-interval = 5m }");

        Assert.False(settings.AutoLeaderRebalance);
        Assert.Equal(TimeSpan.FromMinutes(5), settings.LeaderImbalanceCheckInterval);
    }

    [Fact]
    public void Topic_defaults_read_durations_and_sizes_and_off_means_no_limit()
    {
        var settings = Read("""
            actorbroker.broker.topic-defaults {
              min-insync-replicas = 2
              retention = off
              retention-bytes = 1GiB
              max-message-bytes = 2MiB
              unclean-leader-election = on
            }
            """);

        Assert.Equal(new Protocol.TopicConfig
        {
            MinInsyncReplicas = 2, RetentionMs = -1, RetentionBytes = 1L << 30, MaxMessageBytes = 2 << 20, UncleanLeaderElectionEnable = true,
        }, settings.TopicDefaults);
        Assert.Equal(TimeSpan.FromDays(1).TotalMilliseconds, Read("actorbroker.broker.topic-defaults.retention = 1d").TopicDefaults.RetentionMs);
    }

    [Theory]
    [InlineData("actorbroker.broker.default-partitions = 0", "actorbroker.broker.default-partitions")]
    [InlineData("actorbroker.broker.default-replication-factor = 40000", "actorbroker.broker.default-replication-factor")]
    [InlineData("actorbroker.broker.topic-defaults.min-insync-replicas = 0", "actorbroker.broker.topic-defaults.min-insync-replicas")]
    [InlineData("actorbroker.broker.topic-defaults.retention = -5s", "actorbroker.broker.topic-defaults.retention")]
    [InlineData("actorbroker.broker.topic-defaults.max-message-bytes = 4GiB", "actorbroker.broker.topic-defaults.max-message-bytes")]
    [InlineData("actorbroker.broker.controller.retry-interval = 0s", "actorbroker.broker.controller.retry-interval")]
    [InlineData("actorbroker.broker.controller.topic-deletion-timeout = infinite", "actorbroker.broker.controller.topic-deletion-timeout")]
    [InlineData("actorbroker.broker.metadata.register-interval = soon", "actorbroker.broker.metadata.register-interval")]
    [InlineData("actorbroker.broker.controller.leader-imbalance-check-interval = 0s", "actorbroker.broker.controller.leader-imbalance-check-interval")]
    [InlineData("actorbroker.broker.controller.auto-leader-rebalance = sometimes", "actorbroker.broker.controller.auto-leader-rebalance")]
    [InlineData("actorbroker.broker.front.mailbox-capacity = 0", "actorbroker.broker.front.mailbox-capacity")]
    [InlineData("actorbroker.broker.cluster-port.max-connections = 0", "actorbroker.broker.cluster-port.max-connections")]
    [InlineData("actorbroker.broker.cluster-port.max-connections-per-ip = many", "actorbroker.broker.cluster-port.max-connections-per-ip")]
    [InlineData("actorbroker.broker { default-partitions = 20, controller.max-partitions = 10 }", "actorbroker.broker.default-partitions")]
    public void A_bad_value_fails_with_its_key(string hocon, string key)
    {
        var e = Assert.Throws<BrokerConfigException>(() => Read(hocon));

        Assert.Equal(key, e.Path);
        Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }
}
