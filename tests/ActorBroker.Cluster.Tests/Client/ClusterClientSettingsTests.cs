using ActorBroker.Actors;
using ActorBroker.Cluster.Client;
using ActorBroker.Hocon;

namespace ActorBroker.Cluster.Tests.Client;

public sealed class ClusterClientSettingsTests
{
    private static Config Load(string hocon) => ConfigurationFactory.ParseString(hocon).WithFallback(ReferenceConfig.Load());

    [Fact]
    public void The_reference_defaults_match_akka_and_retry_forever()
    {
        var client = ClusterClientSettings.FromConfig(Load(""));
        var receptionist = ClusterReceptionistSettings.FromConfig(Load(""));

        Assert.Empty(client.InitialContacts);
        Assert.Equal(1000, client.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(2), client.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(13), client.AcceptableHeartbeatPause);
        Assert.Null(client.ReconnectTimeout);
        Assert.Equal("receptionist", receptionist.Name);
        Assert.Null(receptionist.Role);
        Assert.Equal(3, receptionist.NumberOfContacts);
    }

    [Fact]
    public void Initial_contacts_are_parsed_as_receptionist_paths()
    {
        var settings = ClusterClientSettings.FromConfig(Load(
            """actorbroker.cluster.client.initial-contacts = ["abroker.tcp://broker@127.0.0.1:2552/system/receptionist"]"""));

        var contact = Assert.Single(settings.InitialContacts);
        Assert.Equal(Address.Parse("abroker.tcp://broker@127.0.0.1:2552"), contact.Address);
        Assert.Equal("/system/receptionist", contact.ToStringWithoutAddress());
    }

    [Theory]
    [InlineData("""actorbroker.cluster.client.initial-contacts = ["127.0.0.1:2552"]""", "actorbroker.cluster.client.initial-contacts")]
    [InlineData("""actorbroker.cluster.client.initial-contacts = ["abroker.tcp://broker@127.0.0.1:2552"]""", "actorbroker.cluster.client.initial-contacts")]
    [InlineData("actorbroker.cluster.client.heartbeat-interval = 0s", "actorbroker.cluster.client.heartbeat-interval")]
    [InlineData("actorbroker.cluster.client.acceptable-heartbeat-pause = -1s", "actorbroker.cluster.client.acceptable-heartbeat-pause")]
    [InlineData("actorbroker.cluster.client.establishing-get-contacts-interval = 0ms", "actorbroker.cluster.client.establishing-get-contacts-interval")]
    [InlineData("actorbroker.cluster.client.buffer-size = -1", "actorbroker.cluster.client.buffer-size")]
    [InlineData("actorbroker.cluster.client.reconnect-timeout = 0s", "actorbroker.cluster.client.reconnect-timeout")]
    [InlineData("actorbroker.cluster.client.refresh-contacts-interval = soon", "actorbroker.cluster.client.refresh-contacts-interval")]
    public void A_bad_client_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ClusterClientSettings.FromConfig(Load(hocon)));

        Assert.Equal(key, error.Path);
        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("actorbroker.cluster.client.receptionist.number-of-contacts = 0", "actorbroker.cluster.client.receptionist.number-of-contacts")]
    [InlineData("""actorbroker.cluster.client.receptionist.name = "a/b" """, "actorbroker.cluster.client.receptionist.name")]
    [InlineData("actorbroker.cluster.client.receptionist.gossip-interval = 0s", "actorbroker.cluster.client.receptionist.gossip-interval")]
    public void A_bad_receptionist_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<ConfigException>(() => ClusterReceptionistSettings.FromConfig(Load(hocon)));

        Assert.Equal(key, error.Path);
    }

    [Fact]
    public void Reconnect_timeout_can_be_set()
    {
        Assert.Equal(TimeSpan.FromMinutes(1), ClusterClientSettings.FromConfig(Load("actorbroker.cluster.client.reconnect-timeout = 1m")).ReconnectTimeout);
    }
}
