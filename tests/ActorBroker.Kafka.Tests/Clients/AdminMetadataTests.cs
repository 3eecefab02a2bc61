using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>Confluent.Kafka's admin client (librdkafka 2.16) against three broker nodes through their Kafka doors.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class AdminMetadataTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KafkaCluster.StartAsync(output, 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Confluent_admin_client_lists_every_node_with_its_kafka_endpoint_and_each_partitions_leader_replicas_and_isr()
    {
        await _cluster.CreateTopicAsync("orders", partitions: 3, replicationFactor: 3);

        // Bootstrapping from one node is enough: its Metadata names the others.
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.Nodes[1].Door.Advertised.ToString() })
            .SetLogHandler((_, m) => output.WriteLine($"librdkafka {m.Level} {m.Facility}: {m.Message}"))
            .Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(20));

        var expectedBrokers = _cluster.Nodes.Select(n => (KafkaNodeIds.Of(n.Broker.NodeId), "127.0.0.1", n.Door.LocalEndPoint.Port)).Order().ToList();
        Assert.Equal(expectedBrokers, metadata.Brokers.Select(b => (b.BrokerId, b.Host, b.Port)).Order().ToList());
        // librdkafka names the broker that answered, or -1 when the answer came over the bootstrap connection (id unknown yet).
        Assert.Contains(metadata.OriginatingBrokerId, expectedBrokers.Select(b => b.Item1).Append(-1));

        var topic = Assert.Single(metadata.Topics, t => t.Topic == "orders");
        Assert.Equal(ErrorCode.NoError, topic.Error.Code);
        var image = _cluster.Nodes[1].Broker.Metadata.Current.Topics["orders"];
        Assert.Equal(3, topic.Partitions.Count);
        foreach (var partition in topic.Partitions)
        {
            var expected = image.Partitions[partition.PartitionId];
            Assert.Equal(KafkaNodeIds.Of(expected.Leader!), partition.Leader);
            Assert.Equal(expected.Replicas.Select(KafkaNodeIds.Of), partition.Replicas);
            Assert.Equal(expected.Isr.Select(KafkaNodeIds.Of), partition.InSyncReplicas);
            Assert.Equal(ErrorCode.NoError, partition.Error.Code);
        }
    }

    [Fact]
    public void A_topic_that_does_not_exist_is_answered_unknown_and_not_created()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();

        var metadata = admin.GetMetadata("no-such-topic", TimeSpan.FromSeconds(20));

        Assert.Equal(ErrorCode.UnknownTopicOrPart, Assert.Single(metadata.Topics).Error.Code);
        Assert.All(_cluster.Nodes, n => Assert.False(n.Broker.Metadata.Current.Topics.ContainsKey("no-such-topic")));
    }

    [Fact]
    public async Task Confluent_admin_client_lists_earliest_latest_by_time_and_max_timestamp_offsets()
    {
        await _cluster.CreateTopicAsync("times", partitions: 1, replicationFactor: 3);
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output))
        {
            // Offsets 0..4 with timestamps not in offset order: the largest first appears at offset 2.
            foreach (var ms in new long[] { 1_700_000_001_000, 1_700_000_003_000, 1_700_000_009_000, 1_700_000_005_000, 1_700_000_009_000 })
            {
                await producer.ProduceAsync("times", new Message<string, string> { Value = $"at {ms}", Timestamp = new Timestamp(ms, TimestampType.CreateTime) });
            }
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        // One spec per partition and call (librdkafka refuses duplicates); each answer is the offset and its record's timestamp.
        async Task<(long Offset, long Timestamp)> ListAsync(OffsetSpec spec)
        {
            var result = await admin.ListOffsetsAsync([new TopicPartitionOffsetSpec { TopicPartition = new TopicPartition("times", 0), OffsetSpec = spec }],
                new ListOffsetsOptions { RequestTimeout = TimeSpan.FromSeconds(20) });
            var info = Assert.Single(result.ResultInfos);
            return (info.TopicPartitionOffsetError.Offset.Value, info.Timestamp);
        }

        Assert.Equal(0, (await ListAsync(OffsetSpec.Earliest())).Offset);
        Assert.Equal(5, (await ListAsync(OffsetSpec.Latest())).Offset);
        Assert.Equal((1L, 1_700_000_003_000L), await ListAsync(OffsetSpec.ForTimestamp(1_700_000_002_000))); // the first at or after
        Assert.Equal((2L, 1_700_000_009_000L), await ListAsync(OffsetSpec.MaxTimestamp()));
    }

    [Fact]
    public async Task A_node_whose_listener_stops_leaves_the_brokers_and_the_partitions_it_leads_have_no_leader_for_kafka_clients()
    {
        await _cluster.CreateTopicAsync("spread", partitions: 3, replicationFactor: 1);
        var gone = _cluster.Nodes[2];
        await gone.Door.DisposeAsync();
        await _cluster.AwaitAsync(() => _cluster.Nodes.Take(2).All(n => !n.Door.Endpoints.Current.ContainsKey(gone.Broker.NodeId)),
            "the other nodes forget the stopped listener");

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.Nodes[0].Door.Advertised.ToString() }).Build();
        var metadata = admin.GetMetadata("spread", TimeSpan.FromSeconds(20));

        var goneId = KafkaNodeIds.Of(gone.Broker.NodeId);
        Assert.Equal(2, metadata.Brokers.Count);
        Assert.DoesNotContain(metadata.Brokers, b => b.BrokerId == goneId);
        var image = _cluster.Nodes[0].Broker.Metadata.Current.Topics["spread"];
        var ledByGone = image.Partitions.Where(p => p.Leader == gone.Broker.NodeId).Select(p => p.Partition).ToList();
        Assert.NotEmpty(ledByGone); // one partition per node: the controller spreads leaders
        foreach (var partition in Assert.Single(metadata.Topics).Partitions)
        {
            if (ledByGone.Contains(partition.PartitionId))
            {
                Assert.Equal(-1, partition.Leader);
                Assert.Equal(ErrorCode.LeaderNotAvailable, partition.Error.Code);
            }
            else
            {
                Assert.Equal(KafkaNodeIds.Of(image.Partitions[partition.PartitionId].Leader!), partition.Leader);
            }
        }
    }
}
