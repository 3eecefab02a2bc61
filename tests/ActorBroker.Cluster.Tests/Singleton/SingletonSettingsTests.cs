using ActorBroker.Actors;
using ActorBroker.Cluster.Singleton;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Tests.Singleton;

public sealed class SingletonSettingsTests
{
    private static Config Load(string hocon) => ConfigurationFactory.ParseString(hocon).WithFallback(ReferenceConfig.Load());

    [Fact]
    public void The_reference_defaults_name_the_singleton_and_leave_the_removal_margin_to_the_resolver()
    {
        var manager = ClusterSingletonManagerSettings.FromConfig(Load(""));
        var proxy = ClusterSingletonProxySettings.FromConfig(Load(""));

        Assert.Equal("singleton", manager.SingletonName);
        Assert.Null(manager.Role);
        Assert.Null(manager.RemovalMargin);
        Assert.Equal(TimeSpan.FromSeconds(1), manager.HandOverRetryInterval);
        Assert.Equal("singleton", proxy.SingletonName);
        Assert.Equal(1000, proxy.BufferSize);
    }

    [Fact]
    public void A_role_and_a_margin_are_read()
    {
        var manager = ClusterSingletonManagerSettings.FromConfig(Load("""
            actorbroker.cluster.singleton { role = controller, removal-margin = 3s }
            """));

        Assert.Equal("controller", manager.Role);
        Assert.Equal(TimeSpan.FromSeconds(3), manager.RemovalMargin);
    }

    [Theory]
    [InlineData("actorbroker.cluster.singleton.singleton-name = \"a/b\"", "actorbroker.cluster.singleton.singleton-name")]
    [InlineData("actorbroker.cluster.singleton.hand-over-retry-interval = 0s", "actorbroker.cluster.singleton.hand-over-retry-interval")]
    [InlineData("actorbroker.cluster.singleton.removal-margin = -1s", "actorbroker.cluster.singleton.removal-margin")]
    public void A_bad_manager_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ClusterSingletonManagerSettings.FromConfig(Load(hocon)));

        Assert.Equal(key, error.Path);
    }

    [Theory]
    [InlineData("actorbroker.cluster.singleton-proxy.buffer-size = -1", "actorbroker.cluster.singleton-proxy.buffer-size")]
    [InlineData("actorbroker.cluster.singleton-proxy.buffer-size = 100001", "actorbroker.cluster.singleton-proxy.buffer-size")]
    [InlineData("actorbroker.cluster.singleton-proxy.singleton-identification-interval = 0s", "actorbroker.cluster.singleton-proxy.singleton-identification-interval")]
    [InlineData("actorbroker.cluster.singleton-proxy.singleton-name = \"\"", "actorbroker.cluster.singleton-proxy.singleton-name")]
    public void A_bad_proxy_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ClusterSingletonProxySettings.FromConfig(Load(hocon)));

        Assert.Equal(key, error.Path);
    }

    [Fact]
    public void A_proxy_needs_a_manager_path_without_address()
    {
        var settings = new ClusterSingletonProxySettings();

        Assert.Throws<ArgumentException>(() => ClusterSingletonProxy.Props("abroker.tcp://broker@127.0.0.1:2552/user/x", settings));
        Assert.Throws<ArgumentException>(() => ClusterSingletonProxy.Props("user/x", settings));
    }
}
