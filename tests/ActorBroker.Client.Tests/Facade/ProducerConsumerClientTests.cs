using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Facade;

public sealed class ProducerConsumerClientTests(ITestOutputHelper output) : ClientTestKit(output)
{
    private ClientConnection Connection => ClientConnection.ForEntry(Sys, Entry);

    [Fact]
    public async Task Records_produced_with_ProduceAsync_come_back_from_ConsumeAsync_in_order_per_key()
    {
        StartNode("n1");
        StartNode("n2");
        Model.AddTopic("orders", "n1", "n2", "n1");
        await using var producer = new ProducerClient(FastProducer with { Linger = TimeSpan.FromMilliseconds(2) }, Connection);

        var sends = Enumerable.Range(0, 1000).Select(i => producer.ProduceAsync("orders", $"customer-{i % 17}", $"order-{i}")).ToList();
        var results = await Task.WhenAll(sends).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(results, r => Assert.True(r.Offset >= 0));
        Assert.Equal(1000, results.Select(r => (r.Partition, r.Offset)).Distinct().Count());
        // Same key, same partition, and offsets grow in the order the records were produced.
        foreach (var group in Enumerable.Range(0, 1000).GroupBy(i => i % 17))
        {
            var delivered = group.Select(i => results[i]).ToList();
            Assert.Single(delivered.Select(r => r.Partition).Distinct());
            Assert.Equal(delivered.Select(r => r.Offset).Order(), delivered.Select(r => r.Offset));
        }

        await using var consumer = new ConsumerClient(FastConsumer, Connection);
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartition("orders", p)));
        consumer.SeekToBeginning();
        var consumed = await ConsumeAsync(consumer, 1000);

        var byPosition = results.Select((r, i) => (r.Partition, r.Offset, Value: $"order-{i}", Key: $"customer-{i % 17}"))
            .ToDictionary(x => (x.Partition, x.Offset));
        foreach (var record in consumed)
        {
            var expected = byPosition[(record.Partition, record.Offset)];
            Assert.Equal(expected.Value, record.ValueAsString());
            Assert.Equal(expected.Key, record.KeyAsString());
        }

        foreach (var partition in consumed.GroupBy(r => r.Partition))
            Assert.Equal(partition.Select(r => r.Offset).Order(), partition.Select(r => r.Offset));
    }

    [Fact]
    public async Task Null_keys_and_values_and_headers_survive_the_round_trip()
    {
        StartNode("n1");
        Model.AddTopic("t", "n1");
        await using var producer = new ProducerClient(FastProducer, Connection);
        await producer.ProduceAsync("t", (byte[]?)null, null, headers: [new RecordHeader("trace", Bytes("abc")), new RecordHeader("empty", null)]);
        await producer.ProduceAsync("t", Bytes(""), Bytes(""), timestamp: 12_345);

        await using var consumer = new ConsumerClient(FastConsumer, Connection);
        consumer.Assign([new TopicPartition("t", 0)]);
        var records = await ConsumeAsync(consumer, 2);

        Assert.Null(records[0].Key);
        Assert.Null(records[0].Value);
        Assert.Equal(["trace", "empty"], records[0].Headers.Select(h => h.Key));
        Assert.Equal("abc", Text(records[0].Headers[0].Value));
        Assert.Null(records[0].Headers[1].Value);
        Assert.Equal("", records[1].KeyAsString());
        Assert.Equal("", records[1].ValueAsString());
        Assert.Equal(12_345, records[1].Timestamp);
    }

    [Fact]
    public async Task A_record_larger_than_max_request_size_throws_RecordTooLarge_without_being_sent()
    {
        StartNode("n1");
        Model.AddTopic("t", "n1");
        await using var producer = new ProducerClient(FastProducer with { MaxRequestSize = 1024 }, Connection);

        var error = await Assert.ThrowsAsync<BrokerException>(() => producer.ProduceAsync("t", null, new byte[4096]));

        Assert.Equal(ErrorCode.RecordTooLarge, error.Code);
        Assert.Equal(0, Logs.Appends(new TopicPartition("t", 0)));
    }

    [Fact]
    public async Task ProduceAsync_waits_for_buffer_memory_and_throws_after_max_block()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = new ProducerClient(FastProducer with { BufferMemory = 1000, MaxBlock = TimeSpan.FromMilliseconds(300) }, Connection);
        await KnowTopicAsync(producer, node, "t");
        var first = producer.ProduceAsync("t", null, new byte[500]);
        node.ExpectMsg<ProduceRequest>(); // never answered: the first record keeps its memory until delivery.timeout

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<BrokerException>(() => producer.ProduceAsync("t", null, new byte[500]));

        Assert.Equal(ErrorCode.RequestTimedOut, error.Code);
        Assert.Contains("max.block", error.Message);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250), "the call should have waited for memory");
        Assert.False(first.IsCompleted);

        // Closing without waiting gives the unanswered record an outcome too.
        await producer.CloseAsync(TimeSpan.Zero);
        Assert.Equal(ErrorCode.UnknownServerError, (await Assert.ThrowsAsync<BrokerException>(() => first)).Code);
    }

    [Fact]
    public async Task Dispose_flushes_lingering_records_before_it_returns()
    {
        StartNode("n1");
        Model.AddTopic("t", "n1");
        var producer = new ProducerClient(FastProducer with { Linger = TimeSpan.FromSeconds(30), DeliveryTimeout = TimeSpan.FromSeconds(40) }, Connection);
        var sent = producer.ProduceAsync("t", "k", "v");

        await producer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, (await sent).Offset);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => producer.ProduceAsync("t", "k", "v"));
    }

    [Fact]
    public async Task FlushAsync_completes_once_every_earlier_record_has_its_outcome()
    {
        StartNode("n1");
        Model.AddTopic("t", "n1");
        await using var producer = new ProducerClient(FastProducer with { Linger = TimeSpan.FromSeconds(30), DeliveryTimeout = TimeSpan.FromSeconds(40) }, Connection);
        var sends = Enumerable.Range(0, 10).Select(i => producer.ProduceAsync("t", null, $"v{i}")).ToList();

        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.All(sends, s => Assert.True(s.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task Records_fetched_before_a_seek_are_never_yielded_after_it()
    {
        var partition = new TopicPartition("t", 0);
        await using var consumer = ConsumerOfFilledPartition(partition, 40, 10);

        var firstThree = await ConsumeAsync(consumer, 3);
        Assert.Equal([0L, 1L, 2L], firstThree.Select(r => r.Offset));
        consumer.Seek(partition, 25);
        var afterSeek = await ConsumeAsync(consumer, 3);

        Assert.Equal([25L, 26L, 27L], afterSeek.Select(r => r.Offset));
    }

    [Fact]
    public async Task Enumerating_again_after_a_break_continues_after_the_last_record_yielded()
    {
        var partition = new TopicPartition("t", 0);
        await using var consumer = ConsumerOfFilledPartition(partition, 20, 10);

        var first = await ConsumeAsync(consumer, 4);
        var second = await ConsumeAsync(consumer, 16);

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), first.Concat(second).Select(r => r.Offset));
    }

    [Fact]
    public async Task A_partition_that_cannot_go_on_ends_ConsumeAsync_with_a_BrokerException()
    {
        var partition = new TopicPartition("t", 0);
        await using var consumer = ConsumerOfFilledPartition(partition, 5, 5, FastConsumer with { AutoOffsetReset = AutoOffsetReset.None });
        consumer.Seek(partition, 99);

        var error = await Assert.ThrowsAsync<BrokerException>(() => ConsumeAsync(consumer, 1));
        Assert.Equal(ErrorCode.OffsetOutOfRange, error.Code);

        consumer.Seek(partition, 3);
        Assert.Equal([3L, 4L], (await ConsumeAsync(consumer, 2)).Select(r => r.Offset));
    }

    [Fact]
    public async Task Seeking_a_partition_that_is_not_assigned_throws()
    {
        await using var consumer = new ConsumerClient(FastConsumer, Connection);
        Assert.Throws<InvalidOperationException>(() => consumer.Seek(new TopicPartition("t", 0), 1));
    }

    /// <summary>One node leading <paramref name="partition"/>, filled with <paramref name="records"/> records, and a consumer assigned to it.</summary>
    private ConsumerClient ConsumerOfFilledPartition(TopicPartition partition, int records, int perBatch, ConsumerSettings? settings = null)
    {
        StartNode("n1");
        Model.AddTopic(partition.Topic, "n1");
        Logs.Fill(partition, records, perBatch);
        var consumer = new ConsumerClient(settings ?? FastConsumer, Connection);
        consumer.Assign([partition]);
        return consumer;
    }

    private static async Task<List<ConsumeResult>> ConsumeAsync(ConsumerClient consumer, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var records = new List<ConsumeResult>(count);
        await foreach (var record in consumer.ConsumeAsync(timeout.Token))
        {
            records.Add(record);
            if (records.Count == count) break;
        }

        return records;
    }
}
