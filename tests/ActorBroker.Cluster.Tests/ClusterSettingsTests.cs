using ActorBroker.Actors;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Tests;

public sealed class ClusterSettingsTests
{
    private static ClusterSettings Load(string hocon) =>
        ClusterSettings.FromConfig(ConfigurationFactory.ParseString(hocon).WithFallback(ReferenceConfig.Load()));

    [Fact]
    public void The_reference_defaults_are_keep_majority_after_twenty_stable_seconds()
    {
        var settings = Load("");

        Assert.Equal("keep-majority", settings.SplitBrainResolver.ActiveStrategy);
        Assert.Equal(TimeSpan.FromSeconds(20), settings.SplitBrainResolver.StableAfter);
        Assert.Empty(settings.SeedNodes);
        Assert.Null(settings.ShutdownAfterUnsuccessfulJoinSeedNodes);
    }

    [Fact]
    public void Seed_nodes_are_parsed_as_addresses()
    {
        var settings = Load("""actorbroker.cluster.seed-nodes = ["abroker.tcp://broker@127.0.0.1:2552"]""");

        Assert.Equal(Address.Parse("abroker.tcp://broker@127.0.0.1:2552"), Assert.Single(settings.SeedNodes));
    }

    [Theory]
    [InlineData("""actorbroker.cluster.seed-nodes = ["127.0.0.1:2552"]""", "actorbroker.cluster.seed-nodes")]
    [InlineData("actorbroker.cluster.split-brain-resolver.active-strategy = keep-oldest-and-hope", "actorbroker.cluster.split-brain-resolver.active-strategy")]
    [InlineData("actorbroker.cluster.split-brain-resolver.active-strategy = static-quorum", "actorbroker.cluster.split-brain-resolver.static-quorum.quorum-size")]
    [InlineData("actorbroker.cluster.gossip-interval = 0s", "actorbroker.cluster.gossip-interval")]
    [InlineData("actorbroker.cluster.failure-detector.threshold = -1", "actorbroker.cluster.failure-detector.threshold")]
    public void A_bad_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => Load(hocon));

        Assert.Equal(key, error.Path);
    }

    [Fact]
    public void Static_quorum_takes_its_size_and_role()
    {
        var settings = Load("""
            actorbroker.cluster.split-brain-resolver {
              active-strategy = static-quorum
              static-quorum { quorum-size = 2, role = "broker" }
            }
            """);

        Assert.Equal(2, settings.SplitBrainResolver.QuorumSize);
        Assert.Equal("broker", settings.SplitBrainResolver.Role);
    }
}
