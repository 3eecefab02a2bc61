using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Facade;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Configuration;

namespace ActorBroker.Client.Tests.EndToEnd;

/// <summary>
/// The client facade against a real broker node: the controller singleton, metadata cache, front actor and
/// event-sourced partition logs, reached from a separate client actor system by bootstrap host:port.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class BrokerEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RealBrokerNode? _node;

    public async Task InitializeAsync() => _node = await RealBrokerNode.StartAsync(Patience);

    [Fact]
    public async Task The_facade_round_trips_ten_thousand_records_across_partitions_in_order()
    {
        var settings = _node!.ClientSettings;
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        await using var admin = new AdminClient(connection);
        await admin.CreateTopicAsync("orders", 4, 1).WaitAsync(Patience);

        const int count = 10_000;
        var sent = new List<DeliveryResult>(count);
        await using (var producer = new ProducerClient(ProducerSettings.Default with { Client = settings, Acks = Acks.Leader }, connection))
        {
            var deliveries = Enumerable.Range(0, count).Select(i => producer.ProduceAsync("orders", $"customer-{i % 37}", $"{i}")).ToList();
            sent.AddRange(await Task.WhenAll(deliveries).WaitAsync(Patience));
        }

        // Offsets are dense per partition: each partition's offsets are exactly 0..n-1.
        foreach (var partition in sent.GroupBy(r => r.Partition))
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(i => (long)i), partition.Select(r => r.Offset).Order());
        Assert.True(sent.Select(r => r.Partition).Distinct().Count() > 1, "37 keys spread over more than one of 4 partitions");

        await using var consumer = new ConsumerClient(ConsumerSettings.Default with { Client = settings }, connection);
        consumer.Assign(Enumerable.Range(0, 4).Select(p => new TopicPartition("orders", p)));
        consumer.SeekToBeginning();
        var received = new List<ConsumeResult>(count);
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (var record in consumer.ConsumeAsync(timeout.Token))
        {
            received.Add(record);
            if (received.Count == count) break;
        }

        // Per key (and so per partition) the records come back in the order they were produced, at the offsets reported.
        foreach (var key in received.GroupBy(r => r.KeyAsString()))
        {
            var values = key.Select(r => int.Parse(r.ValueAsString()!)).ToList();
            Assert.Equal(values.Order(), values);
            Assert.Single(key.Select(r => r.Partition).Distinct());
        }
        var expected = sent.Select(r => (r.Partition, r.Offset)).Order();
        Assert.Equal(expected, received.Select(r => (r.Partition, r.Offset)).Order());
    }

    [Fact]
    public async Task Typed_errors_reach_the_facade_from_the_broker()
    {
        var settings = _node!.ClientSettings;
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        await using var admin = new AdminClient(connection);

        var invalid = await Assert.ThrowsAsync<BrokerException>(() => admin.CreateTopicAsync("bad name", 1, 1).WaitAsync(Patience));
        Assert.Equal(ErrorCode.InvalidTopic, invalid.Code);
        var tooMany = await Assert.ThrowsAsync<BrokerException>(() => admin.CreateTopicAsync("wide", 1, 3).WaitAsync(Patience));
        Assert.Equal(ErrorCode.InvalidReplicationFactor, tooMany.Code);

        await admin.CreateTopicAsync("small", 1, 1, new Dictionary<string, string> { ["max.message.bytes"] = "200" }).WaitAsync(Patience);
        await using var producer = new ProducerClient(ProducerSettings.Default with { Client = settings, Retries = 0 }, connection);
        var tooLarge = await Assert.ThrowsAsync<BrokerException>(() => producer.ProduceAsync("small", null, new byte[500]).WaitAsync(Patience));
        Assert.Equal(ErrorCode.RecordTooLarge, tooLarge.Code);
        var fits = await producer.ProduceAsync("small", null, new byte[10]).WaitAsync(Patience);
        Assert.Equal(0, fits.Offset);

        var nowhere = await Assert.ThrowsAsync<BrokerException>(() => admin.ReassignPartitionAsync("small", 0, ["127.0.0.1:1"]).WaitAsync(Patience));
        Assert.Equal(ErrorCode.InvalidReplicaAssignment, nowhere.Code);
        Assert.Contains("127.0.0.1:1 is not a broker node that is Up", nowhere.Message, StringComparison.Ordinal);
        await admin.ReassignPartitionAsync("small", 0, [settings.BootstrapServers[0]]).WaitAsync(Patience); // where it is already: done at once
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }
}
