using ActorBroker.Broker;
using Akka.Configuration;

namespace ActorBroker.Kafka.Tests;

public class KafkaSettingsTests
{
    [Fact]
    public void The_reference_configuration_gives_kafkas_defaults()
    {
        var settings = KafkaSettings.FromConfig(KafkaConfig.Defaults);

        Assert.True(settings.Enabled);
        Assert.Equal(new HostPort("127.0.0.1", 9092), settings.Listener);
        Assert.Null(settings.Advertised);
        Assert.Equal(100 * 1024 * 1024, settings.SocketRequestMaxBytes);
        Assert.Equal(100, settings.MaxInFlightRequestsPerConnection);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestTimeout);
        Assert.Equal(4096, settings.MaxConnections);
        Assert.Equal(1024, settings.MaxConnectionsPerIp);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.ConnectionsMaxIdle);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.FirstRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestReceiveTimeout);
        Assert.Equal(2 * 1024 * 1024, settings.FirstRequestMaxBytes);
        Assert.Equal(256L * 1024 * 1024, settings.QueuedMaxRequestBytes);
    }

    [Fact]
    public void The_reference_configuration_and_the_records_initial_values_agree()
    {
        Assert.Equal(new KafkaSettings(), KafkaSettings.FromConfig(KafkaConfig.Defaults));
    }

    [Fact]
    public void An_advertised_endpoint_and_an_ipv6_listener_are_read_as_host_and_port()
    {
        var settings = Read("""listener = "[::1]:0", advertised = "kafka-1.example:19092" """);
        Assert.Equal(new HostPort("::1", 0), settings.Listener);
        Assert.Equal("[::1]:0", settings.Listener.ToString());
        Assert.Equal(new HostPort("kafka-1.example", 19092), settings.Advertised);
    }

    [Theory]
    [InlineData("listener = \"127.0.0.1\"", "actorbroker.kafka.listener")]
    [InlineData("listener = \"127.0.0.1:70000\"", "actorbroker.kafka.listener")]
    [InlineData("advertised = \"host:0\"", "actorbroker.kafka.advertised")]
    [InlineData("socket-request-max-bytes = 3GiB", "actorbroker.kafka.socket-request-max-bytes")]
    [InlineData("max-in-flight-requests-per-connection = 0", "actorbroker.kafka.max-in-flight-requests-per-connection")]
    [InlineData("request-timeout = 0s", "actorbroker.kafka.request-timeout")]
    [InlineData("enabled = maybe", "actorbroker.kafka.enabled")]
    [InlineData("max-connections = 0", "actorbroker.kafka.max-connections")]
    [InlineData("max-connections-per-ip = 0", "actorbroker.kafka.max-connections-per-ip")]
    [InlineData("connections-max-idle = 0s", "actorbroker.kafka.connections-max-idle")]
    [InlineData("first-request-timeout = 0s", "actorbroker.kafka.first-request-timeout")]
    [InlineData("request-receive-timeout = -1s", "actorbroker.kafka.request-receive-timeout")]
    [InlineData("first-request-max-bytes = 0", "actorbroker.kafka.first-request-max-bytes")]
    [InlineData("queued-max-request-bytes = 100MiB", "actorbroker.kafka.queued-max-request-bytes")] // less than the largest request and a read buffer
    public void A_bad_value_fails_naming_its_key(string hocon, string key)
    {
        var error = Assert.Throws<BrokerConfigException>(() => Read(hocon));
        Assert.Equal(key, error.Path);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static KafkaSettings Read(string hocon) =>
        KafkaSettings.FromConfig(ConfigurationFactory.ParseString($"actorbroker.kafka {{ {hocon} }}").WithFallback(KafkaConfig.Defaults));
}
