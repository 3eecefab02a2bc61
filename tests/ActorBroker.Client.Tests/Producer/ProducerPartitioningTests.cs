using ActorBroker.Client.Producer;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Producer;

public sealed class ProducerPartitioningTests(ITestOutputHelper output) : ClientTestKit(output)
{
    [Fact]
    public void A_keyed_record_goes_to_the_partition_kafkas_default_partitioner_chooses()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1", "n1", "n1");
        var producer = StartProducer(FastProducer);

        // (murmur2(key) & 0x7fffffff) % 3, computed independently: "foobar" -> 0, "12" -> 1, "key-2" -> 2.
        foreach (var (key, expected) in new[] { ("foobar", 0), ("12", 1), ("key-2", 2) })
        {
            producer.Tell(new Produce("orders", Bytes(key), Bytes("v")), TestActor);
            var request = node.ExpectMsg<ProduceRequest>();
            Assert.Equal(new TopicPartition("orders", expected), request.Partition);
            node.Reply(request.Ok(10 * expected));
            var report = ExpectMsg<DeliveryReport>();
            Assert.Equal(new DeliveryReport("orders", expected, 10 * expected, report.Timestamp), report);
        }
    }

    [Fact]
    public void An_explicit_partition_wins_over_the_key()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1", "n1", "n1");
        var producer = StartProducer(FastProducer);

        producer.Tell(new Produce("orders", Bytes("foobar"), Bytes("v"), Partition: 2), TestActor);

        var request = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(2, request.Partition.Partition);
    }

    [Fact]
    public void Records_without_a_key_stick_to_one_partition_until_its_batch_is_sent_then_move()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("logs", "n1", "n1", "n1", "n1");
        // A 20-byte value with a constant timestamp encodes to 27 bytes: five fit a 200-byte batch (61-byte header), six do not.
        var producer = StartProducer(FastProducer with { BatchSize = 200, Linger = TimeSpan.FromSeconds(5) });

        for (var i = 0; i < 10; i++) producer.Tell(new Produce("logs", null, Bytes($"value-{i:D2}-padding..."), Timestamp: 1_000), TestActor);

        // The sixth record did not fit: the first partition's batch went out whole, and the rest moved on together.
        var first = node.ExpectMsg<ProduceRequest>();
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"value-{i:D2}-padding...")], first.Values());
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        producer.Tell(Flush.Instance, TestActor);
        var second = node.ExpectMsg<ProduceRequest>();
        Assert.Equal([.. Enumerable.Range(5, 5).Select(i => $"value-{i:D2}-padding...")], second.Values());
        Assert.NotEqual(first.Partition, second.Partition);
    }

    [Fact]
    public void A_record_for_a_partition_the_topic_does_not_have_fails_with_UnknownTopicOrPartition()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer);

        producer.Tell(new Produce("orders", null, Bytes("v"), Partition: 3), TestActor);

        var failed = ExpectMsg<DeliveryFailed>();
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, failed.Error);
        Assert.Contains("partition 3", failed.Message);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
