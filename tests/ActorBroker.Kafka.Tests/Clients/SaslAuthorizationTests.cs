using ActorBroker.Broker.Security;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Xunit.Abstractions;
using AclBinding = Confluent.Kafka.Admin.AclBinding;
using AclOperation = Confluent.Kafka.Admin.AclOperation;
using ErrorCode = Confluent.Kafka.ErrorCode;
using ScramMechanism = ActorBroker.Protocol.Security.ScramMechanism;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>
/// The whole security path of the Kafka door as a deployment runs it: users set in the cluster's metadata log in with
/// SCRAM on every node, an administrator (a super user) grants ACLs with Kafka's admin API, and each user can do what
/// the ACLs allow and nothing more.
/// </summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class SaslAuthorizationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly KafkaSettings SecuredDoor = KafkaCluster.DoorSettings with
    {
        SecurityProtocol = KafkaSecurityProtocol.SaslPlaintext,
        Authorization = new AuthorizationSettings { Enabled = true, SuperUsers = new HashSet<string> { "User:admin" } },
    };

    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await KafkaCluster.StartAsync(output, 2, SecuredDoor);
        foreach (var (user, password) in new[] { ("admin", "admin-secret"), ("alice", "alice-secret") })
        {
            var credential = ScramCredential.Create(ScramMechanism.ScramSha256, password);
            await _cluster.ChangeSecurityAsync(id => new AlterUserCredentialRequest(user, ScramMechanism.ScramSha256, credential, id),
                s => s.Find(user, ScramMechanism.ScramSha256) is not null, $"user {user}");
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Users_from_the_clusters_metadata_log_in_on_every_node_and_can_do_only_what_their_acls_allow()
    {
        using var admin = new AdminClientBuilder(LogIn(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }, "admin", "admin-secret")).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = "orders", NumPartitions = 2, ReplicationFactor = 2 }]);
        await _cluster.AwaitAsync(() => _cluster.Nodes.All(n => n.Broker.Metadata.Current.Topics.TryGetValue("orders", out var t) && t.Partitions.All(p => p.Leader is not null)),
            "every node sees orders with leaders");

        using (var alice = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => LogIn(c, "alice", "alice-secret")))
        {
            var refused = await Assert.ThrowsAsync<ProduceException<string, string>>(() => alice.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "v" }));
            Assert.Equal(ErrorCode.TopicAuthorizationFailed, refused.Error.Code);
        }

        await admin.CreateAclsAsync([new AclBinding
        {
            Pattern = new ResourcePattern { Type = ResourceType.Topic, Name = "orders", ResourcePatternType = ResourcePatternType.Literal },
            Entry = new AccessControlEntry { Principal = "User:alice", Host = "*", Operation = AclOperation.Write, PermissionType = AclPermissionType.Allow },
        }]);
        await _cluster.AwaitAsync(() => _cluster.Nodes.All(n => n.Broker.Metadata.Current.Security.Acls.Count == 1), "every node has alice's ACL");

        using (var alice = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => LogIn(c, "alice", "alice-secret")))
        {
            // Two partitions led by two nodes: alice logs in on both with the credential every node holds.
            var sends = Enumerable.Range(0, 10).Select(i => alice.ProduceAsync(new TopicPartition("orders", i % 2), new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }));
            Assert.All(await Task.WhenAll(sends), d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        }

        // Write does not give Read: alice's consumer is refused; the super user reads everything.
        var aliceReads = Assert.Throws<ConsumeException>(() =>
            ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "orders", 2, TimeSpan.FromSeconds(20), c => LogIn(c, "alice", "alice-secret")));
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, aliceReads.Error.Code);
        var read = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "orders", 2, TimeSpan.FromSeconds(30), c => LogIn(c, "admin", "admin-secret"));
        Assert.Equal(10, read.Count);
    }

    private static T LogIn<T>(T config, string user, string password) where T : ClientConfig
    {
        config.SecurityProtocol = SecurityProtocol.SaslPlaintext;
        config.SaslMechanism = SaslMechanism.ScramSha256;
        config.SaslUsername = user;
        config.SaslPassword = password;
        return config;
    }
}
