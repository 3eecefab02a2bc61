using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>The errors Confluent.Kafka (librdkafka 2.16) reports when produce, fetch and offset lookups go wrong through the Kafka doors.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class ClientErrorTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KafkaCluster.StartAsync(output, 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_record_for_a_topic_that_does_not_exist_fails_with_unknown_topic_and_the_topic_is_not_created()
    {
        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c =>
        {
            c.MessageTimeoutMs = 5_000;
            c.TopicMetadataPropagationMaxMs = 1_000;
        });

        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("no-such-topic", new Message<string, string> { Key = "k", Value = "v" }));

        output.WriteLine($"librdkafka reports {e.Error.Code}: {e.Error.Reason}");
        Assert.Equal(ErrorCode.UnknownTopicOrPart, e.Error.Code);
        Assert.All(_cluster.Nodes, n => Assert.False(n.Broker.Metadata.Current.Topics.ContainsKey("no-such-topic")));
    }

    [Fact]
    public async Task A_record_larger_than_the_topics_max_message_bytes_fails_with_message_too_large_and_the_producer_goes_on()
    {
        await _cluster.CreateTopicAsync("small", partitions: 1, replicationFactor: 3, new Dictionary<string, string> { ["max.message.bytes"] = "2000" });
        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output);

        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("small", new Message<string, string> { Key = "k", Value = new string('x', 5000) }));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, e.Error.Code);

        var fits = await producer.ProduceAsync("small", new Message<string, string> { Key = "k", Value = "fits" });
        Assert.Equal((PersistenceStatus.Persisted, 0L), (fits.Status, fits.Offset.Value));
    }

    [Fact]
    public async Task Acks_all_with_fewer_in_sync_replicas_than_min_insync_fails_with_not_enough_replicas()
    {
        await _cluster.CreateTopicAsync("lonely", partitions: 1, replicationFactor: 1, new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        // NOT_ENOUGH_REPLICAS is retriable: without retries librdkafka reports it instead of retrying until the message times out.
        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.MessageSendMaxRetries = 0);

        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("lonely", new Message<string, string> { Key = "k", Value = "v" }));
        Assert.Equal(ErrorCode.NotEnoughReplicas, e.Error.Code);

        using var leaderOnly = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.Acks = Acks.Leader);
        Assert.Equal(PersistenceStatus.Persisted, (await leaderOnly.ProduceAsync("lonely", new Message<string, string> { Key = "k", Value = "v" })).Status);
    }

    [Fact]
    public async Task Watermarks_and_offsets_for_times_come_from_list_offsets()
    {
        await _cluster.CreateTopicAsync("times", partitions: 1, replicationFactor: 3);
        const long start = 1_700_000_000_000;
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output))
        {
            // One at a time, so each record is its own batch and the timestamp lookup has to pick the right one.
            for (var i = 0; i < 5; i++)
                await producer.ProduceAsync("times", new Message<string, string> { Key = "k", Value = $"v{i}", Timestamp = new Timestamp(start + i * 1000, TimestampType.CreateTime) });
        }

        using var consumer = ConfluentClients.Consumer(_cluster.BootstrapServers, output);
        var partition = new TopicPartition("times", 0);
        var marks = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(20));
        Assert.Equal((0L, 5L), (marks.Low.Value, marks.High.Value));

        var found = consumer.OffsetsForTimes(
            [new TopicPartitionTimestamp(partition, new Timestamp(start + 1500, TimestampType.CreateTime))], TimeSpan.FromSeconds(20));
        Assert.Equal(2L, Assert.Single(found).Offset.Value);

        var afterAll = consumer.OffsetsForTimes(
            [new TopicPartitionTimestamp(partition, new Timestamp(start + 60_000, TimestampType.CreateTime))], TimeSpan.FromSeconds(20));
        Assert.Equal(Offset.End, Assert.Single(afterAll).Offset);
    }

    [Fact]
    public async Task A_consumer_that_asks_for_an_offset_past_the_end_is_told_out_of_range_and_resets_to_the_earliest()
    {
        await _cluster.CreateTopicAsync("reset", partitions: 1, replicationFactor: 3);
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output))
            for (var i = 0; i < 3; i++) await producer.ProduceAsync("reset", new Message<string, string> { Key = "k", Value = $"v{i}" });

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = _cluster.BootstrapServers,
            GroupId = "assign-only",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Assign(new TopicPartitionOffset("reset", 0, 1000));

        var first = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.NotNull(first);
        Assert.Equal((0L, "v0"), (first.Offset.Value, first.Message.Value));
    }

    /// <summary>
    /// librdkafka sends gzip, snappy and zstd batches compressed (before the door inflated snappy and zstd, the partition
    /// refused these same batches with UNSUPPORTED_COMPRESSION_TYPE); the door inflates them and consumers read the
    /// records back, by key and value, uncompressed.
    /// </summary>
    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Zstd)]
    public async Task Compressed_batches_are_inflated_by_the_door_and_read_back_with_their_keys_and_values(CompressionType codec)
    {
        var topic = $"packed-{codec}".ToLowerInvariant();
        await _cluster.CreateTopicAsync(topic, partitions: 2, replicationFactor: 3);
        var sent = Enumerable.Range(0, 500).Select(i => (Key: $"k{i % 7}", Value: $"value-{i}-{new string('z', 100)}")).ToList();
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.CompressionType = codec))
        {
            var sends = sent.Select(r => producer.ProduceAsync(topic, new Message<string, string> { Key = r.Key, Value = r.Value }));
            Assert.All(await Task.WhenAll(sends), d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        }

        var read = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, topic, 2, TimeSpan.FromSeconds(30));
        Assert.Equal(sent.Order(), read.Select(r => (r.Message.Key, r.Message.Value)).Order());
    }

    [Fact]
    public async Task A_compressed_batch_that_inflates_beyond_max_message_bytes_fails_with_message_too_large()
    {
        await _cluster.CreateTopicAsync("bomb", partitions: 1, replicationFactor: 3, new Dictionary<string, string> { ["max.message.bytes"] = "2000" });
        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.CompressionType = CompressionType.Zstd);

        var e = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync("bomb", new Message<string, string> { Key = "k", Value = new string('z', 50_000) }));
        Assert.Equal(ErrorCode.MsgSizeTooLarge, e.Error.Code);
    }

    /// <summary>
    /// librdkafka takes lz4 support to come with FindCoordinator (a proxy for brokers from 0.8.2 on, in its feature
    /// table); the door does not advertise group APIs, so librdkafka logs "Broker does not support compression type
    /// lz4: not compressing batch" and sends it uncompressed.
    /// </summary>
    [Fact]
    public async Task Librdkafka_asked_for_lz4_sends_uncompressed_batches_which_are_accepted()
    {
        await _cluster.CreateTopicAsync("lz4", partitions: 1, replicationFactor: 3);
        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.CompressionType = CompressionType.Lz4);

        var sent = await producer.ProduceAsync("lz4", new Message<string, string> { Key = "k", Value = new string('z', 500) });

        Assert.Equal((PersistenceStatus.Persisted, 0L), (sent.Status, sent.Offset.Value));
        Assert.Equal(new string('z', 500), Assert.Single(ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "lz4", 1, TimeSpan.FromSeconds(30))).Message.Value);
    }
}
