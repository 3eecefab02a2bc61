using ActorBroker.Broker.Security;
using ActorBroker.Broker;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Tests.Support;
using System.Security.Cryptography.X509Certificates;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
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
    public async Task Client_certificates_are_principals_that_acls_allow_and_a_client_without_one_is_refused()
    {
        var door = KafkaCluster.DoorSettings with
        {
            SecurityProtocol = KafkaSecurityProtocol.Ssl,
            Tls = new KafkaTls(_certificates.ServerPkcs12, TestCertificates.Password) { ClientAuth = KafkaClientAuth.Required, TruststoreLocation = _certificates.CaPem },
            Authorization = new AuthorizationSettings { Enabled = true, SuperUsers = new HashSet<string> { "User:CN=admin,O=corp" } },
        };
        await using var cluster = await KafkaCluster.StartAsync(output, 1, door);
        using var admin = new AdminClientBuilder(WithCertificate(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }, "admin")).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "sealed", NumPartitions = 1, ReplicationFactor = 1 }]);

        using (var alice = ConfluentClients.Producer(cluster.BootstrapServers, output, c => WithCertificate(c, "alice")))
        {
            var refused = await Assert.ThrowsAsync<ProduceException<string, string>>(() => alice.ProduceAsync("sealed", new Message<string, string> { Key = "k", Value = "v" }));
            Assert.Equal(ErrorCode.TopicAuthorizationFailed, refused.Error.Code);
        }

        // The ACL names alice as Apache Kafka's default principal builder does: her certificate's subject, RFC 2253.
        await admin.CreateAclsAsync([new Confluent.Kafka.Admin.AclBinding
        {
            Pattern = new ResourcePattern { Type = ResourceType.Topic, Name = "sealed", ResourcePatternType = ResourcePatternType.Literal },
            Entry = new AccessControlEntry { Principal = "User:CN=alice,O=corp", Host = "*", Operation = Confluent.Kafka.Admin.AclOperation.Write, PermissionType = AclPermissionType.Allow },
        }]);
        await cluster.AwaitAsync(() => cluster.Nodes.All(n => n.Broker.Metadata.Current.Security.Acls.Count == 1), "the node has alice's ACL");
        using (var alice = ConfluentClients.Producer(cluster.BootstrapServers, output, c => WithCertificate(c, "alice")))
        {
            var sends = Enumerable.Range(0, 5).Select(i => alice.ProduceAsync("sealed", new Message<string, string> { Key = "k", Value = $"v{i}" }));
            Assert.All(await Task.WhenAll(sends), d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        }

        // Without a certificate the handshake fails: the client never gets metadata.
        using var anonymous = new AdminClientBuilder(new AdminClientConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            SecurityProtocol = SecurityProtocol.Ssl,
            SslCaLocation = _certificates.CaPem,
        }).Build();
        var noCertificate = Assert.Throws<KafkaException>(() => anonymous.GetMetadata(TimeSpan.FromSeconds(3)));
        output.WriteLine(noCertificate.Message);
    }

    [Fact]
    public void A_certificates_subject_becomes_the_principal_kafka_would_name()
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(_certificates.ClientPkcs12("alice"), TestCertificates.Password);

        Assert.Equal("User:CN=alice,O=corp", CertificatePrincipal.Of(certificate).Text);
        Assert.Equal(@"CN=a\,b,O=x\+y", ActorBroker.Tls.CertificateSubject.Rfc2253(new X500DistinguishedName("CN=\"a,b\", O=\"x+y\"")));
    }

    [Fact]
    public void A_keystore_with_the_wrong_password_fails_naming_the_setting()
    {
        var error = Assert.Throws<BrokerConfigException>(() => TlsCertificate.Load(new KafkaTls(_certificates.ServerPkcs12, "wrong")));

        Assert.Equal("actorbroker.kafka.ssl-keystore-location", error.Path);
    }

    public void Dispose() => _certificates.Dispose();

    private T WithCertificate<T>(T config, string name) where T : ClientConfig
    {
        config.SecurityProtocol = SecurityProtocol.Ssl;
        config.SslCaLocation = _certificates.CaPem;
        config.SslKeystoreLocation = _certificates.ClientPkcs12(name);
        config.SslKeystorePassword = TestCertificates.Password;
        return config;
    }

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
