using System.Text;
using ActorBroker.Client.Consumer;
using ActorBroker.Client.Producer;
using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Facade;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.EndToEnd;

/// <summary>
/// The client actors from an application's own Akka.NET system, as docs/client.md shows it: a plain ActorSystem with
/// provider remote (no cluster member) attaches a connection, creates the producer and consumer actors with their
/// Props, Tells them messages and gets a typed answer for every record, against a real broker node. The facade is
/// used only to create the topic.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class OwnActorSystemTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(UserSystem(), output), IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private RealBrokerNode? _node;

    public async Task InitializeAsync() => _node = await RealBrokerNode.StartAsync(Patience);

    [Fact]
    public async Task A_producer_actor_in_a_plain_actor_system_answers_every_record_with_a_report_or_a_typed_failure()
    {
        var connection = ClientConnection.Attach(Sys, _node!.ClientSettings);
        await CreateTopicsAsync(connection);
        var producer = Sys.ActorOf(ProducerActor.Props(ProducerSettings.Default with { Client = connection.Settings, Retries = 0 }, connection), "orders-producer");

        for (var i = 0; i < 100; i++) producer.Tell(new Produce("orders", Utf8($"customer-{i % 7}"), Utf8($"order-{i}")), TestActor);
        producer.Tell(new Produce("orders", null, Utf8("nowhere"), Partition: 9), TestActor);  // the topic has 2 partitions
        producer.Tell(new Produce("small", null, new byte[500]), TestActor);                  // over the topic's max.message.bytes

        var replies = ReceiveN(102, Patience);
        var reports = replies.OfType<DeliveryReport>().ToList();
        var failures = replies.OfType<DeliveryFailed>().ToList();
        Assert.Equal(100, reports.Count);
        Assert.Equal(100, reports.Select(r => (r.Partition, r.Offset)).Distinct().Count());
        Assert.All(reports, r => Assert.Equal("orders", r.Topic));
        Assert.Equal(
            [("orders", ErrorCode.UnknownTopicOrPartition), ("small", ErrorCode.RecordTooLarge)],
            failures.Select(f => (f.Topic, f.Error)).Order());
        Assert.Equal(ErrorCode.RecordTooLarge, failures.Single(f => f.Topic == "small").ToException().Code);

        producer.Tell(Flush.Instance, TestActor);
        ExpectMsg<Flushed>(Patience);
    }

    [Fact]
    public async Task A_consumer_actor_in_a_plain_actor_system_delivers_what_was_produced_and_reports_a_bad_position()
    {
        var connection = ClientConnection.Attach(Sys, _node!.ClientSettings);
        await CreateTopicsAsync(connection);
        var producer = Sys.ActorOf(ProducerActor.Props(ProducerSettings.Default with { Client = connection.Settings }, connection));
        for (var i = 0; i < 50; i++) producer.Tell(new Produce("orders", null, Utf8($"order-{i}"), Partition: 0), TestActor);
        Assert.All(ReceiveN(50, Patience), reply => Assert.IsType<DeliveryReport>(reply));

        var settings = ConsumerSettings.Default with { Client = connection.Settings, AutoOffsetReset = AutoOffsetReset.None };
        var consumer = Sys.ActorOf(ConsumerActor.Props(settings, connection, TestActor), "orders-consumer");
        var orders0 = new TopicPartition("orders", 0);
        consumer.Tell(new Assign([orders0]));
        consumer.Tell(new SeekToBeginning(orders0));

        var values = new List<string>();
        while (values.Count < 50)
        {
            var delivery = ExpectMsg<ConsumedRecords>(Patience);
            foreach (var record in delivery.Records) values.Add(Encoding.UTF8.GetString(record.Value!.Value.Span));
            consumer.Tell(RecordsProcessed.Instance, TestActor);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"order-{i}"), values);

        // Past the end with auto.offset.reset = none: the partition stops with a typed failure until the next seek.
        consumer.Tell(new Seek(orders0, 1_000));
        var failed = FishForMessage<ConsumeFailed>(_ => true, Patience);
        Assert.Equal(ErrorCode.OffsetOutOfRange, failed.Error);
        Assert.Equal(orders0, failed.Partition);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }

    /// <summary>The application's own system, made as docs/client.md says: its config falls back on the client's defaults.</summary>
    private static ActorSystem UserSystem() => ActorSystem.Create("my-app", ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """).WithFallback(ClientConnection.SystemDefaults));

    private static async Task CreateTopicsAsync(ClientConnection connection)
    {
        await using var admin = new AdminClient(connection);
        await admin.CreateTopicAsync("orders", 2, 1).WaitAsync(Patience);
        await admin.CreateTopicAsync("small", 1, 1, new Dictionary<string, string> { ["max.message.bytes"] = "200" }).WaitAsync(Patience);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
