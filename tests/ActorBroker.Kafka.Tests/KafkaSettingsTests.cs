using ActorBroker.Broker;
using ActorBroker.Kafka.Security;
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
        Assert.Equal(KafkaSecurityProtocol.Plaintext, settings.SecurityProtocol);
        Assert.Equal(["SCRAM-SHA-256", "SCRAM-SHA-512"], settings.SaslEnabledMechanisms);
        Assert.Equal(512 * 1024, settings.SaslMaxReceiveBytes);
        Assert.Equal(4096, settings.MaxConnections);
        Assert.Equal(1024, settings.MaxConnectionsPerIp);
        Assert.Equal(TimeSpan.FromMinutes(10), settings.ConnectionsMaxIdle);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.FirstRequestTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.RequestReceiveTimeout);
        Assert.Equal(2 * 1024 * 1024, settings.FirstRequestMaxBytes);
        Assert.Equal(256L * 1024 * 1024, settings.QueuedMaxRequestBytes);
    }

    [Fact]
    public void A_sasl_listener_with_plain_enabled_is_read()
    {
        var settings = Read("""security-protocol = SASL_PLAINTEXT, sasl-enabled-mechanisms = [PLAIN, "SCRAM-SHA-512"], sasl-max-receive-size = 64KiB """);

        Assert.Equal(KafkaSecurityProtocol.SaslPlaintext, settings.SecurityProtocol);
        Assert.Equal(["PLAIN", "SCRAM-SHA-512"], settings.SaslEnabledMechanisms);
        Assert.Equal(64 * 1024, settings.SaslMaxReceiveBytes);
    }

    [Fact]
    public void The_reference_configuration_and_the_records_initial_values_agree()
    {
        var read = KafkaSettings.FromConfig(KafkaConfig.Defaults);
        var initial = new KafkaSettings();
        // Collections compare by content; the record's own equality compares them by reference.
        Assert.Equal(initial.SaslEnabledMechanisms, read.SaslEnabledMechanisms);
        Assert.Equal(initial.Authorization.SuperUsers, read.Authorization.SuperUsers);
        Assert.Equal(initial with { SaslEnabledMechanisms = read.SaslEnabledMechanisms, Authorization = initial.Authorization with { SuperUsers = read.Authorization.SuperUsers } }, read);
    }

    [Fact]
    public void An_advertised_endpoint_and_an_ipv6_listener_are_read_as_host_and_port()
    {
        var settings = Read("""listener = "[::1]:0", advertised = "kafka-1.example:19092" """);
        Assert.Equal(new HostPort("::1", 0), settings.Listener);
        Assert.Equal("[::1]:0", settings.Listener.ToString());
        Assert.Equal(new HostPort("kafka-1.example", 19092), settings.Advertised);
    }

    [Fact]
    public void A_tls_listener_reads_its_keystore_and_the_settings_do_not_print_its_password()
    {
        var settings = Read("""security-protocol = SASL_SSL, ssl-keystore-location = "/etc/broker/kafka.p12", ssl-keystore-password = "s3cret" """);

        Assert.Equal(KafkaSecurityProtocol.SaslSsl, settings.SecurityProtocol);
        Assert.Equal(new KafkaTls("/etc/broker/kafka.p12", "s3cret"), settings.Tls);
        Assert.DoesNotContain("s3cret", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tls_listener_asks_for_client_certificates_of_its_truststores_ca()
    {
        var settings = Read("""security-protocol = SSL, ssl-keystore-location = k.p12, ssl-client-auth = Required, ssl-truststore-location = "certs/ca.crt" """);

        Assert.Equal(new KafkaTls("k.p12", null) { ClientAuth = KafkaClientAuth.Required, TruststoreLocation = "certs/ca.crt" }, settings.Tls);
        Assert.Equal(KafkaClientAuth.None, Read("security-protocol = SSL, ssl-keystore-location = k.p12").Tls!.ClientAuth);
    }

    [Theory]
    [InlineData("listener = \"127.0.0.1\"", "actorbroker.kafka.listener")]
    [InlineData("listener = \"127.0.0.1:70000\"", "actorbroker.kafka.listener")]
    [InlineData("advertised = \"host:0\"", "actorbroker.kafka.advertised")]
    [InlineData("socket-request-max-bytes = 3GiB", "actorbroker.kafka.socket-request-max-bytes")]
    [InlineData("max-in-flight-requests-per-connection = 0", "actorbroker.kafka.max-in-flight-requests-per-connection")]
    [InlineData("request-timeout = 0s", "actorbroker.kafka.request-timeout")]
    [InlineData("enabled = maybe", "actorbroker.kafka.enabled")]
    [InlineData("security-protocol = SASL_SSL", "actorbroker.kafka.ssl-keystore-location")]
    [InlineData("security-protocol = KERBEROS", "actorbroker.kafka.security-protocol")]
    [InlineData("security-protocol = SSL, ssl-keystore-location = k.p12, ssl-client-auth = always", "actorbroker.kafka.ssl-client-auth")]
    [InlineData("security-protocol = SSL, ssl-keystore-location = k.p12, ssl-client-auth = required", "actorbroker.kafka.ssl-truststore-location")]
    [InlineData("ssl-client-auth = requested, ssl-truststore-location = ca.crt", "actorbroker.kafka.ssl-client-auth")]
    [InlineData("sasl-enabled-mechanisms = [GSSAPI]", "actorbroker.kafka.sasl-enabled-mechanisms")]
    [InlineData("sasl-enabled-mechanisms = [scram-sha-256]", "actorbroker.kafka.sasl-enabled-mechanisms")]
    [InlineData("sasl-enabled-mechanisms = []", "actorbroker.kafka.sasl-enabled-mechanisms")]
    [InlineData("sasl-max-receive-size = 0", "actorbroker.kafka.sasl-max-receive-size")]
    [InlineData("connection-failed-authentication-delay = -1s", "actorbroker.kafka.connection-failed-authentication-delay")]
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
