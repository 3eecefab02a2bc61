using ActorBroker.Broker.Security;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;
using Confluent.Kafka;
using Xunit.Abstractions;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>
/// With actorbroker.kafka.authorization on, Confluent.Kafka's clients get Kafka's authorization errors until an ACL,
/// added through the cluster and committed on its nodes, allows them. These clients do not authenticate, so they are
/// User:ANONYMOUS, the principal Kafka gives a PLAINTEXT listener's clients.
/// </summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class AuthorizationTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);
    private const string Anonymous = "User:ANONYMOUS";
    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var door = KafkaCluster.DoorSettings with { Authorization = new AuthorizationSettings { Enabled = true } };
        _cluster = await KafkaCluster.StartAsync(output, 2, door);
        await _cluster.CreateTopicAsync("orders", partitions: 1, replicationFactor: 2);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static AclBinding Allow(AclOperation operation, AclResourceType type = AclResourceType.Topic, string name = "orders") =>
        new(type, name, AclPatternType.Literal, Anonymous, AclBinding.Wildcard, operation, AclPermission.Allow);

    private Task AddAsync(params AclBinding[] acls) =>
        _cluster.ChangeSecurityAsync(id => new CreateAclsRequest(acls, id), s => acls.All(s.Acls.Contains), string.Join("; ", acls));

    [Fact]
    public async Task Produce_and_fetch_are_refused_with_topic_authorization_failed_until_an_acl_allows_them()
    {
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.MessageTimeoutMs = 10_000))
        {
            var refused = await Assert.ThrowsAsync<ProduceException<string, string>>(() => producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "v" }));
            Assert.Equal(ErrorCode.TopicAuthorizationFailed, refused.Error.Code);
        }

        await AddAsync(Allow(AclOperation.Write));
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output))
        {
            var delivered = await producer.ProduceAsync("orders", new Message<string, string> { Key = "k", Value = "v" });
            Assert.Equal(0, delivered.Offset.Value);
        }

        using (var consumer = ConfluentClients.Consumer(_cluster.BootstrapServers, output))
        {
            consumer.Assign(new TopicPartitionOffset("orders", 0, Offset.Beginning));
            var error = Assert.Throws<ConsumeException>(() => ConsumeUntilAnswer(consumer));
            Assert.Equal(ErrorCode.TopicAuthorizationFailed, error.Error.Code);
        }

        await AddAsync(Allow(AclOperation.Read));
        var records = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "orders", partitions: 1, ClientTimeout);
        Assert.Equal("v", Assert.Single(records).Message.Value);
    }

    [Fact]
    public async Task Admin_requests_need_create_delete_and_describe_acls_and_a_deny_overrides_an_allow()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        var create = await Assert.ThrowsAsync<Confluent.Kafka.Admin.CreateTopicsException>(() =>
            admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "payments", NumPartitions = 1, ReplicationFactor = 1 }]));
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, Assert.Single(create.Results).Error.Code);
        var configs = await Assert.ThrowsAsync<Confluent.Kafka.Admin.DescribeConfigsException>(() =>
            admin.DescribeConfigsAsync([new Confluent.Kafka.Admin.ConfigResource { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = "orders" }]));
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, Assert.Single(configs.Results).Error.Code);

        await AddAsync(Allow(AclOperation.Create, AclResourceType.Cluster, AclBinding.ClusterName), Allow(AclOperation.All, AclResourceType.Topic, "payments"),
            new AclBinding(AclResourceType.Topic, "payments", AclPatternType.Literal, "User:*", AclBinding.Wildcard, AclOperation.Delete, AclPermission.Deny));
        await admin.CreateTopicsAsync([new Confluent.Kafka.Admin.TopicSpecification { Name = "payments", NumPartitions = 1, ReplicationFactor = 1 }]);

        var delete = await Assert.ThrowsAsync<Confluent.Kafka.Admin.DeleteTopicsException>(() => admin.DeleteTopicsAsync(["payments"]));
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, Assert.Single(delete.Results).Error.Code);
        // Metadata lists only the topics the client may describe: payments (All), not orders.
        var listed = admin.GetMetadata(ClientTimeout).Topics.Select(t => t.Topic).ToList();
        Assert.Contains("payments", listed);
        Assert.DoesNotContain("orders", listed);
    }

    [Fact]
    public async Task Kafkas_admin_apis_manage_acls_and_scram_users_once_the_principal_may_alter_the_cluster()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        var aclForBob = new Confluent.Kafka.Admin.AclBinding
        {
            Pattern = new Confluent.Kafka.Admin.ResourcePattern
                { Type = Confluent.Kafka.Admin.ResourceType.Topic, Name = "orders.", ResourcePatternType = Confluent.Kafka.Admin.ResourcePatternType.Prefixed },
            Entry = new Confluent.Kafka.Admin.AccessControlEntry
                { Principal = "User:bob", Host = "*", Operation = Confluent.Kafka.Admin.AclOperation.Read, PermissionType = Confluent.Kafka.Admin.AclPermissionType.Allow },
        };
        var refused = await Assert.ThrowsAsync<Confluent.Kafka.Admin.CreateAclsException>(() => admin.CreateAclsAsync([aclForBob]));
        Assert.Equal(ErrorCode.ClusterAuthorizationFailed, Assert.Single(refused.Results).Error.Code);

        await AddAsync(Allow(AclOperation.Alter, AclResourceType.Cluster, AclBinding.ClusterName), Allow(AclOperation.Describe, AclResourceType.Cluster, AclBinding.ClusterName));
        await admin.CreateAclsAsync([aclForBob]);
        await _cluster.AwaitAsync(() => _cluster.Nodes.All(n => n.Broker.Metadata.Current.Security.Acls.Any(a => a.Principal == "User:bob")), "every node sees bob's ACL");
        var anyTopicAcl = new Confluent.Kafka.Admin.AclBindingFilter
        {
            PatternFilter = new Confluent.Kafka.Admin.ResourcePatternFilter
                { Type = Confluent.Kafka.Admin.ResourceType.Topic, ResourcePatternType = Confluent.Kafka.Admin.ResourcePatternType.Match, Name = "orders.eu" },
            EntryFilter = new Confluent.Kafka.Admin.AccessControlEntryFilter
                { Operation = Confluent.Kafka.Admin.AclOperation.Any, PermissionType = Confluent.Kafka.Admin.AclPermissionType.Any },
        };
        var described = await admin.DescribeAclsAsync(anyTopicAcl);
        Assert.Equal(aclForBob, Assert.Single(described.AclBindings));

        var deleted = Assert.Single(await admin.DeleteAclsAsync([anyTopicAcl]));
        Assert.Equal(aclForBob, Assert.Single(deleted.AclBindings));
        await _cluster.AwaitAsync(() => _cluster.Nodes.All(n => !n.Broker.Metadata.Current.Security.Acls.Any(a => a.Principal == "User:bob")), "bob's ACL is gone everywhere");

        await admin.AlterUserScramCredentialsAsync([new Confluent.Kafka.Admin.UserScramCredentialUpsertion
        {
            User = "carol", Password = System.Text.Encoding.UTF8.GetBytes("carol-secret"),
            ScramCredentialInfo = new Confluent.Kafka.Admin.ScramCredentialInfo { Mechanism = Confluent.Kafka.Admin.ScramMechanism.ScramSha512, Iterations = 8192 },
        }]);
        await _cluster.AwaitAsync(() => _cluster.Nodes.All(n => n.Broker.Metadata.Current.Security.Find("carol", ScramMechanism.ScramSha512) is not null), "every node has carol");
        Assert.True(_cluster.Nodes[1].Broker.Metadata.Current.Security.Find("carol", ScramMechanism.ScramSha512)!.Matches("carol-secret"));
        var carol = Assert.Single((await admin.DescribeUserScramCredentialsAsync(["carol"])).UserScramCredentialsDescriptions);
        Assert.Equal((Confluent.Kafka.Admin.ScramMechanism.ScramSha512, 8192), (Assert.Single(carol.ScramCredentialInfos).Mechanism, carol.ScramCredentialInfos[0].Iterations));

        var missing = await Assert.ThrowsAsync<Confluent.Kafka.Admin.DescribeUserScramCredentialsException>(() => admin.DescribeUserScramCredentialsAsync(["dave"]));
        Assert.Equal(ErrorCode.ResourceNotFound, Assert.Single(missing.Results.UserScramCredentialsDescriptions).Error.Code);
    }

    /// <summary>Consumes until the consumer either gets a record or throws the fetch's error; bounded by the client timeout.</summary>
    private static void ConsumeUntilAnswer(IConsumer<string, string> consumer)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < ClientTimeout)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { IsPartitionEOF: false }) return;
        }
    }
}
