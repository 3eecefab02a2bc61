using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Xunit.Abstractions;
using ErrorCode = Confluent.Kafka.ErrorCode;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>Confluent.Kafka's admin client (librdkafka 2.16) creates, describes, grows, configures and deletes topics through the Kafka doors of three nodes.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class AdminTopicsTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);
    private KafkaCluster _cluster = null!;
    private IAdminClient _admin = null!;

    public async Task InitializeAsync()
    {
        _cluster = await KafkaCluster.StartAsync(output, 3);
        _admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers })
            .SetLogHandler((_, m) => output.WriteLine($"librdkafka {m.Level} {m.Facility}: {m.Message}"))
            .Build();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_topic_created_by_the_admin_client_is_described_grown_configured_and_deleted_through_it()
    {
        await _admin.CreateTopicsAsync([new TopicSpecification
        {
            Name = "payments", NumPartitions = 2, ReplicationFactor = 3,
            Configs = new Dictionary<string, string> { [TopicConfig.RetentionMsKey] = "3600000" },
        }], new CreateTopicsOptions { OperationTimeout = ClientTimeout });
        await AllNodesAsync(image => image.Topics.TryGetValue("payments", out var t) && t.Partitions.All(p => p.Leader is not null), "see payments");

        var described = Assert.Single((await _admin.DescribeTopicsAsync(TopicCollection.OfTopicNames(["payments"]))).TopicDescriptions);
        var image = _cluster.Nodes[0].Broker.Metadata.Current.Topics["payments"];
        Assert.Equal(ErrorCode.NoError, described.Error.Code);
        Assert.Equal(image.TopicId, ToGuid(described.TopicId));
        Assert.Equal(2, described.Partitions.Count);
        Assert.All(described.Partitions, p => Assert.Equal(3, p.Replicas.Count));

        await _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "payments", IncreaseTo = 5 }],
            new CreatePartitionsOptions { OperationTimeout = ClientTimeout });
        await AllNodesAsync(i => i.Topics.TryGetValue("payments", out var t) && t.Partitions.Count == 5 && t.Partitions.All(p => p.Leader is not null), "see 5 partitions");
        var metadata = _admin.GetMetadata("payments", ClientTimeout);
        Assert.Equal(5, Assert.Single(metadata.Topics).Partitions.Count);

        var configs = Assert.Single(await _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "payments" }]));
        var retention = configs.Entries[TopicConfig.RetentionMsKey];
        Assert.Equal("3600000", retention.Value);
        Assert.Equal(ConfigSource.DynamicTopicConfig, retention.Source);
        Assert.Equal([ConfigSource.DynamicTopicConfig, ConfigSource.DefaultConfig], retention.Synonyms.Select(s => s.Source));
        Assert.Equal("604800000", retention.Synonyms[1].Value);
        var minInsync = configs.Entries[TopicConfig.MinInsyncReplicasKey];
        Assert.Equal("1", minInsync.Value);
        Assert.Equal(ConfigSource.DefaultConfig, minInsync.Source);
        Assert.True(minInsync.IsDefault);
        Assert.Equal(TopicConfig.Keys.Order(), configs.Entries.Keys.Order());

        await _admin.DeleteTopicsAsync(["payments"], new DeleteTopicsOptions { OperationTimeout = ClientTimeout });
        await AllNodesAsync(i => !i.Topics.ContainsKey("payments"), "forget payments");
        Assert.Equal(ErrorCode.UnknownTopicOrPart, Assert.Single(_admin.GetMetadata("payments", ClientTimeout).Topics).Error.Code);
    }

    [Fact]
    public async Task Topics_the_broker_refuses_reach_the_admin_client_with_kafkas_error_codes_and_the_brokers_reason()
    {
        await _cluster.CreateTopicAsync("taken", partitions: 1, replicationFactor: 1);

        var failed = await Assert.ThrowsAsync<CreateTopicsException>(() => _admin.CreateTopicsAsync(
        [
            new TopicSpecification { Name = "taken", NumPartitions = 1, ReplicationFactor = 1 },
            new TopicSpecification { Name = "too-replicated", NumPartitions = 1, ReplicationFactor = 4 },
            new TopicSpecification { Name = "bad name!", NumPartitions = 1, ReplicationFactor = 1 },
            new TopicSpecification { Name = "bad-config", NumPartitions = 1, ReplicationFactor = 1, Configs = new() { ["no.such.config"] = "1" } },
            new TopicSpecification { Name = "placed", NumPartitions = 1, ReplicasAssignments = new() { [0] = [KafkaNodeIds.Of(_cluster.Nodes[0].Broker.NodeId)] } },
            new TopicSpecification { Name = "fine", NumPartitions = 1, ReplicationFactor = 1 },
        ]));

        var byName = failed.Results.ToDictionary(r => r.Topic, r => r.Error);
        Assert.Equal(ErrorCode.TopicAlreadyExists, byName["taken"].Code);
        Assert.Equal(ErrorCode.InvalidReplicationFactor, byName["too-replicated"].Code);
        Assert.Contains("larger than the 3 live broker nodes", byName["too-replicated"].Reason);
        Assert.Equal(ErrorCode.TopicException, byName["bad name!"].Code);
        Assert.Equal(ErrorCode.InvalidConfig, byName["bad-config"].Code);
        Assert.Contains("unknown topic config 'no.such.config'", byName["bad-config"].Reason);
        Assert.Equal(ErrorCode.InvalidRequest, byName["placed"].Code);
        Assert.Contains("manual replica assignments are not supported", byName["placed"].Reason);
        Assert.Equal(ErrorCode.NoError, byName["fine"].Code);

        var grow = await Assert.ThrowsAsync<CreatePartitionsException>(() => _admin.CreatePartitionsAsync(
            [new PartitionsSpecification { Topic = "taken", IncreaseTo = 1 }, new PartitionsSpecification { Topic = "missing", IncreaseTo = 2 }]));
        Assert.Equal(ErrorCode.InvalidPartitions, grow.Results.Single(r => r.Topic == "taken").Error.Code);
        Assert.Equal(ErrorCode.UnknownTopicOrPart, grow.Results.Single(r => r.Topic == "missing").Error.Code);

        var described = Assert.Single((await Assert.ThrowsAsync<DescribeConfigsException>(() =>
            _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = "missing" }]))).Results);
        Assert.Equal(ErrorCode.UnknownTopicOrPart, described.Error.Code);
    }

    [Fact]
    public async Task Validate_only_answers_what_creating_would_and_creates_nothing()
    {
        var validateOnly = new CreateTopicsOptions { ValidateOnly = true, OperationTimeout = ClientTimeout };

        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "dry-run", NumPartitions = 3, ReplicationFactor = 3 }], validateOnly);
        var refused = await Assert.ThrowsAsync<CreateTopicsException>(() =>
            _admin.CreateTopicsAsync([new TopicSpecification { Name = "dry-run", NumPartitions = 1, ReplicationFactor = 5 }], validateOnly));
        Assert.Equal(ErrorCode.InvalidReplicationFactor, Assert.Single(refused.Results).Error.Code);

        await _cluster.CreateTopicAsync("grown", partitions: 1, replicationFactor: 1);
        await _admin.CreatePartitionsAsync([new PartitionsSpecification { Topic = "grown", IncreaseTo = 4 }], new CreatePartitionsOptions { ValidateOnly = true });

        // A real create after the dry runs proves that the controller had not been asked: it would have made "dry-run" exist.
        await _admin.CreateTopicsAsync([new TopicSpecification { Name = "dry-run", NumPartitions = 1, ReplicationFactor = 1 }]);
        Assert.Single(_cluster.Nodes[0].Broker.Metadata.Current.Topics["grown"].Partitions);
    }

    [Fact]
    public async Task Describe_cluster_lists_every_node_with_its_kafka_endpoint_and_the_controllers_node()
    {
        var cluster = await _admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = ClientTimeout });

        var expected = _cluster.Nodes.Select(n => (KafkaNodeIds.Of(n.Broker.NodeId), "127.0.0.1", n.Door.LocalEndPoint.Port)).Order().ToList();
        Assert.Equal(expected, cluster.Nodes.Select(n => (n.Id, n.Host, n.Port)).Order().ToList());
        Assert.Equal(_cluster.Nodes[0].System.Name, cluster.ClusterId);
        var controller = new ClusterIdentity(_cluster.Nodes[0].System).ControllerNodeId;
        Assert.Equal(KafkaNodeIds.Of(controller!), cluster.Controller.Id);
    }

    [Fact]
    public async Task A_broker_describes_the_settings_behind_topic_creation_as_read_only_static_configs()
    {
        var node = _cluster.Nodes[1];
        var id = KafkaNodeIds.Of(node.Broker.NodeId).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var configs = Assert.Single(await _admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Broker, Name = id }]));

        Assert.Equal(node.Broker.Settings.DefaultPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture), configs.Entries["num.partitions"].Value);
        Assert.Equal(node.Broker.Settings.DefaultReplicationFactor.ToString(System.Globalization.CultureInfo.InvariantCulture), configs.Entries["default.replication.factor"].Value);
        Assert.Equal("1048588", configs.Entries["message.max.bytes"].Value);
        Assert.All(configs.Entries.Values, e => Assert.True(e.IsReadOnly && e.Source == ConfigSource.StaticBrokerConfig, e.Name));
    }

    /// <summary>Confluent.Kafka does not show what a v5+ CreateTopics answers beyond the error: a raw v7 request does.</summary>
    [Fact]
    public async Task Create_topics_v7_answers_the_new_topics_id_partitions_replication_factor_and_configs_from_the_metadata()
    {
        using var client = await RawKafkaClient.ConnectAsync(_cluster.Nodes[2].Door.LocalEndPoint);
        byte[] body =
        [
            .. CArr(1), .. CStr("raw-v7"), .. I32(2), .. I16(3),
            .. CArr(0),                                                      // assignments
            .. CArr(1), .. CStr(TopicConfig.RetentionBytesKey), .. CStr("1000000"), .. NoTags,
            .. NoTags,
            .. I32(20_000), .. Bool(false), .. NoTags,                        // timeout_ms, validate_only
        ];
        await client.SendRequestAsync(19, 7, correlationId: 71, body, headerV2: true);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), flexible: true);
        Assert.Equal(71, reader.Int32());
        reader.SkipTaggedFields();
        Assert.Equal(0, reader.Int32()); // throttle
        Assert.Equal(1, reader.RequiredArrayLength(1));
        Assert.Equal("raw-v7", reader.String());
        var topicId = reader.Uuid();
        Assert.Equal(0, reader.Int16());
        Assert.Null(reader.NullableString());
        Assert.Equal(2, reader.Int32());
        Assert.Equal(3, reader.Int16());
        var configs = new Dictionary<string, (string? Value, sbyte Source)>();
        for (var count = reader.RequiredArrayLength(1); count > 0; count--)
        {
            var name = reader.String();
            var value = reader.NullableString();
            reader.Boolean(); // read_only
            configs[name] = (value, reader.Int8());
            reader.Boolean(); // sensitive
            reader.SkipTaggedFields();
        }

        // The node answered once its own image had the topic, so its id and configs are there now.
        var image = _cluster.Nodes[2].Broker.Metadata.Current.Topics["raw-v7"];
        Assert.Equal(image.TopicId, topicId);
        Assert.Equal(("1000000", (sbyte)1), configs[TopicConfig.RetentionBytesKey]); // DYNAMIC_TOPIC_CONFIG
        Assert.Equal(("1", (sbyte)5), configs[TopicConfig.MinInsyncReplicasKey]);     // DEFAULT_CONFIG
        Assert.Equal(TopicConfig.Keys.Count, configs.Count);
    }

    /// <summary>librdkafka refuses duplicate names itself, so a raw DeleteTopics v5 sends them.</summary>
    [Fact]
    public async Task A_topic_named_twice_in_one_delete_is_refused_once_as_an_invalid_request_and_not_deleted()
    {
        await _cluster.CreateTopicAsync("dup", partitions: 1, replicationFactor: 1);
        using var client = await RawKafkaClient.ConnectAsync(_cluster.Nodes[0].Door.LocalEndPoint);
        await client.SendRequestAsync(20, 5, correlationId: 9, [.. CArr(2), .. CStr("dup"), .. CStr("dup"), .. I32(5_000), .. NoTags], headerV2: true);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), flexible: true);
        Assert.Equal(9, reader.Int32());
        reader.SkipTaggedFields();
        reader.Int32(); // throttle
        Assert.Equal(1, reader.RequiredArrayLength(1));
        Assert.Equal("dup", reader.String());
        Assert.Equal(KafkaErrorCodes.InvalidRequest, reader.Int16());
        Assert.Contains("more than once", reader.NullableString());
        Assert.True(_cluster.Nodes[0].Broker.Metadata.Current.Topics.ContainsKey("dup"));
    }

    private Task AllNodesAsync(Func<Broker.Metadata.MetadataImage, bool> condition, string what) =>
        _cluster.AwaitAsync(() => _cluster.Nodes.All(n => condition(n.Broker.Metadata.Current)), $"every node's metadata {what}");

    private static Guid ToGuid(Uuid id)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, id.MostSignificantBits);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), id.LeastSignificantBits);
        return new Guid(bytes, bigEndian: true);
    }
}
