using ActorBroker.Broker;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>Confluent.Kafka over TLS (SASL_SSL and SSL), trusting a test CA, against a node whose door holds a certificate that CA signed.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class TlsClientTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Fact]
    public async Task A_client_logs_in_with_scram_inside_tls_produces_and_consumes()
    {
        var door = KafkaCluster.DoorSettings with
        {
            SecurityProtocol = KafkaSecurityProtocol.SaslSsl,
            Tls = new KafkaTls(_certificates.ServerPkcs12, TestCertificates.Password),
        };
        await using var cluster = await KafkaCluster.StartAsync(output, 1, door, new InMemoryCredentialStore().Add("alice", "wonderland"));

        await RoundTripAsync(cluster, c =>
        {
            c.SecurityProtocol = SecurityProtocol.SaslSsl;
            c.SslCaLocation = _certificates.CaPem;
            c.SaslMechanism = SaslMechanism.ScramSha512;
            c.SaslUsername = "alice";
            c.SaslPassword = "wonderland";
        });
    }

    [Fact]
    public async Task A_client_reaches_an_ssl_listener_whose_certificate_and_key_are_one_pem_file_after_a_plaintext_client_was_turned_away()
    {
        var door = KafkaCluster.DoorSettings with { SecurityProtocol = KafkaSecurityProtocol.Ssl, Tls = new KafkaTls(_certificates.ServerPem, null) };
        await using var cluster = await KafkaCluster.StartAsync(output, 1, door);
        using (var plaintext = await RawKafkaClient.ConnectAsync(cluster.Nodes[0].Door.LocalEndPoint))
        {
            await plaintext.SendRequestAsync(18, 0, 1, []);
            Assert.True(await plaintext.IsClosedByPeerAsync(), "a plaintext request on the TLS listener was answered");
        }

        await RoundTripAsync(cluster, c =>
        {
            c.SecurityProtocol = SecurityProtocol.Ssl;
            c.SslCaLocation = _certificates.CaPem;
        });
    }

    [Fact]
    public void A_keystore_with_the_wrong_password_fails_naming_the_setting()
    {
        var error = Assert.Throws<BrokerConfigException>(() => TlsCertificate.Load(new KafkaTls(_certificates.ServerPkcs12, "wrong")));

        Assert.Equal("actorbroker.kafka.ssl-keystore-location", error.Path);
    }

    public void Dispose() => _certificates.Dispose();

    private async Task RoundTripAsync(KafkaCluster cluster, Action<ClientConfig> secure)
    {
        await cluster.CreateTopicAsync("sealed", partitions: 1, replicationFactor: 1);
        using (var producer = ConfluentClients.Producer(cluster.BootstrapServers, output, secure))
        {
            var sends = Enumerable.Range(0, 10).Select(i => producer.ProduceAsync("sealed", new Message<string, string> { Key = "k", Value = $"v{i}" }));
            Assert.All(await Task.WhenAll(sends), d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        }

        var read = ConfluentClients.ReadAll(cluster.BootstrapServers, output, "sealed", 1, TimeSpan.FromSeconds(30), secure);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"v{i}"), read.Select(r => r.Message.Value));
    }
}
