using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Tests.Sharding;

public sealed class ClusterShardingSettingsTests
{
    private static ClusterShardingSettings Load(string hocon) =>
        ClusterShardingSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(ReferenceConfig.Load()));

    [Fact]
    public void The_reference_defaults_are_any_role_no_remembering_no_idle_passivation()
    {
        var settings = Load("");

        Assert.Null(settings.Role);
        Assert.False(settings.RememberEntities);
        Assert.Null(settings.PassivateIdleEntityAfter);
        Assert.Equal(100_000, settings.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.HandOffTimeout);
        Assert.Equal(20, settings.RebalanceAbsoluteLimit);
        Assert.Equal(0.1, settings.RebalanceRelativeLimit);
    }

    [Fact]
    public void Role_and_idle_passivation_are_read()
    {
        var settings = Load("""
            actorbroker.cluster.sharding.role = broker
            actorbroker.cluster.sharding.passivate-idle-entity-after = 2m
            actorbroker.cluster.sharding.remember-entities = on
            """);

        Assert.Equal("broker", settings.Role);
        Assert.Equal(TimeSpan.FromMinutes(2), settings.PassivateIdleEntityAfter);
        Assert.True(settings.RememberEntities);
    }

    [Theory]
    [InlineData("actorbroker.cluster.sharding.buffer-size = 0", "actorbroker.cluster.sharding.buffer-size")]
    [InlineData("actorbroker.cluster.sharding.retry-interval = 0s", "actorbroker.cluster.sharding.retry-interval")]
    [InlineData("actorbroker.cluster.sharding.handoff-timeout = -1s", "actorbroker.cluster.sharding.handoff-timeout")]
    [InlineData("actorbroker.cluster.sharding.passivate-idle-entity-after = 0s", "actorbroker.cluster.sharding.passivate-idle-entity-after")]
    [InlineData("actorbroker.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit = 1.5", "actorbroker.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit")]
    [InlineData("actorbroker.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit = 0", "actorbroker.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit")]
    [InlineData("actorbroker.cluster.sharding.rebalance-interval = soon", "actorbroker.cluster.sharding.rebalance-interval")]
    public void A_bad_value_fails_naming_its_full_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Load(hocon));

        Assert.Equal(key, error.Path);
    }
}
