using ActorBroker.Client.Producer;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Producer;

public sealed class ProducerBatchingTests(ITestOutputHelper output) : ClientTestKit(output)
{
    [Fact]
    public void A_full_batch_is_sent_at_once_without_waiting_for_linger()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { BatchSize = 200, Linger = TimeSpan.FromSeconds(5) });

        for (var i = 0; i < 12; i++) producer.Tell(new Produce("t", null, Bytes($"value-{i:D2}-padding..."), Timestamp: 1_000, Partition: 0), TestActor);

        Within(TimeSpan.FromSeconds(2), () =>
        {
            // Two full batches, in one request or two, depending on whether the second closed before the first left.
            var batches = new List<int>();
            while (batches.Sum() < 10) batches.AddRange(node.ExpectMsg<ProduceRequest>().Batches.Select(b => b.RecordCount));
            Assert.Equal([5, 5], batches);
        });
        // The last two records wait for more, up to linger.
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Records_arriving_within_linger_go_out_together_in_one_batch()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { Linger = TimeSpan.FromMilliseconds(400) });

        producer.Tell(new Produce("t", null, Bytes("a"), Partition: 0), TestActor);
        producer.Tell(new Produce("t", null, Bytes("b"), Partition: 0), TestActor);
        producer.Tell(new Produce("t", null, Bytes("c"), Partition: 0), TestActor);

        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        var request = node.ExpectMsg<ProduceRequest>(TimeSpan.FromSeconds(2));
        Assert.Equal(["a", "b", "c"], request.Values());
        node.Reply(request.Ok(7));
        Assert.Equal([7L, 8L, 9L], ReceiveN(3).Cast<DeliveryReport>().Select(r => r.Offset));
    }

    [Fact]
    public void Flush_sends_lingering_batches_at_once_and_answers_when_every_earlier_record_has_its_outcome()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1", "n1");
        var producer = StartProducer(FastProducer with { Linger = TimeSpan.FromSeconds(10), DeliveryTimeout = TimeSpan.FromSeconds(20) });
        producer.Tell(new Produce("t", null, Bytes("a"), Partition: 0), TestActor);
        producer.Tell(new Produce("t", null, Bytes("b"), Partition: 1), TestActor);

        producer.Tell(Flush.Instance, TestActor);

        var requests = node.ReceiveN(2, TimeSpan.FromSeconds(2)).Cast<ProduceRequest>().ToList();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // not flushed while answers are missing
        foreach (var request in requests) node.Reply(request.Ok(0));
        Assert.Equal(2, ReceiveN(2).OfType<DeliveryReport>().Count());
        ExpectMsg<Flushed>();
    }

    [Fact]
    public void Flush_with_nothing_pending_answers_at_once()
    {
        var producer = StartProducer(FastProducer);
        producer.Tell(Flush.Instance, TestActor);
        ExpectMsg<Flushed>();
    }

    [Fact]
    public void With_acks_0_a_record_counts_as_delivered_once_sent_without_an_answer()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { Acks = Acks.None });

        producer.Tell(new Produce("t", Bytes("k"), Bytes("v")), TestActor);

        var request = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(Acks.None, request.Acks);
        var report = ExpectMsg<DeliveryReport>();
        Assert.Equal(-1, report.Offset);
        Assert.Equal(0, report.Partition);
    }

    [Fact]
    public void Metadata_is_refreshed_every_metadata_max_age_without_errors()
    {
        ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { Client = FastProducer.Client with { MetadataMaxAge = TimeSpan.FromMilliseconds(100) } });
        producer.Tell(new Produce("t", null, Bytes("v")), TestActor);

        AwaitCondition(() => Model.MetadataRequests >= 4, TimeSpan.FromSeconds(3));
    }
}
