using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>Confluent.Kafka's producer and consumer (librdkafka 2.16) against three broker nodes through their Kafka doors.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class ProduceConsumeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(60);
    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KafkaCluster.StartAsync(output, 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Records_produced_with_acks_all_are_read_back_at_their_delivered_offsets_in_order_and_each_key_stays_in_one_partition()
    {
        const int partitions = 4;
        const int count = 3000;
        await _cluster.CreateTopicAsync("orders", partitions, replicationFactor: 3, new Dictionary<string, string> { ["min.insync.replicas"] = "2" });

        var delivered = new List<DeliveryResult<string, string>>(count);
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output))
        {
            var sends = new Task<DeliveryResult<string, string>>[count];
            for (var i = 0; i < count; i++) sends[i] = producer.ProduceAsync("orders", new Message<string, string> { Key = $"key-{i % 37}", Value = $"value-{i}" });
            delivered.AddRange(await Task.WhenAll(sends));
        }

        Assert.All(delivered, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        var read = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "orders", partitions, ReadTimeout);

        Assert.Equal(count, read.Count);
        var readAt = read.ToDictionary(r => (r.Partition.Value, r.Offset.Value), r => (r.Message.Key, r.Message.Value));
        foreach (var d in delivered) Assert.Equal((d.Message.Key, d.Message.Value), readAt[(d.Partition.Value, d.Offset.Value)]);
        foreach (var partition in read.GroupBy(r => r.Partition.Value))
        {
            // Offsets 0, 1, 2, ... in the order the consumer got them, and the producer's order within the partition.
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(o => (long)o), partition.Select(r => r.Offset.Value));
            var sentOrder = delivered.Where(d => d.Partition.Value == partition.Key).OrderBy(d => d.Offset.Value).Select(d => d.Message.Value);
            Assert.Equal(sentOrder, partition.Select(r => r.Message.Value));
        }

        Assert.All(read.GroupBy(r => r.Message.Key), byKey => Assert.Single(byKey.Select(r => r.Partition.Value).Distinct()));
        Assert.True(read.Select(r => r.Partition.Value).Distinct().Count() > 1, "37 keys spread over more than one of 4 partitions");
    }

    [Fact]
    public async Task A_consumer_waiting_at_the_end_of_a_partition_gets_a_record_produced_later()
    {
        await _cluster.CreateTopicAsync("later", partitions: 1, replicationFactor: 3);
        using var consumer = ConfluentClients.Consumer(_cluster.BootstrapServers, output);
        consumer.Assign(new TopicPartitionOffset("later", 0, Offset.End));
        // Its fetches now long-poll an empty partition; the produce must wake one of them.
        Assert.True(consumer.Consume(TimeSpan.FromSeconds(20))?.IsPartitionEOF, "the consumer reached the empty partition's end");

        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output);
        var sent = await producer.ProduceAsync("later", new Message<string, string> { Key = "k", Value = "late" });

        var got = consumer.Consume(TimeSpan.FromSeconds(20));
        Assert.NotNull(got);
        Assert.Equal(("late", sent.Offset.Value), (got.Message.Value, got.Offset.Value));
    }

    [Fact]
    public async Task Records_produced_with_acks_0_get_no_response_and_are_appended()
    {
        await _cluster.CreateTopicAsync("fire-and-forget", partitions: 2, replicationFactor: 3);
        using (var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.Acks = Acks.None))
        {
            var sends = Enumerable.Range(0, 200).Select(i => producer.ProduceAsync("fire-and-forget", new Message<string, string> { Key = $"k{i}", Value = $"v{i}" })).ToArray();
            var delivered = await Task.WhenAll(sends);
            Assert.All(delivered, d => Assert.Equal(PersistenceStatus.PossiblyPersisted, d.Status));
        }

        // Nobody waits for the appends: read until all 200 are there.
        var read = new List<ConsumeResult<string, string>>();
        await _cluster.AwaitAsync(() => (read = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "fire-and-forget", 2, ReadTimeout)).Count == 200,
            "200 acks=0 records are readable");
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"v{i}").Order(), read.Select(r => r.Message.Value).Order());
    }
}
