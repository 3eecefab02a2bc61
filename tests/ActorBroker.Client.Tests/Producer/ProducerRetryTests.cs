using ActorBroker.Client.Producer;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Producer;

public sealed class ProducerRetryTests(ITestOutputHelper output) : ClientTestKit(output)
{
    private static readonly TopicPartition Orders0 = new("orders", 0);

    [Fact]
    public void A_leader_change_is_followed_through_NotLeaderOrFollower_without_appending_anything_twice()
    {
        StartNode("n1");
        StartNode("n2");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer);
        producer.Tell(new Produce("orders", null, Bytes("first")), TestActor);
        Assert.Equal(0, ExpectMsg<DeliveryReport>().Offset);
        var requestsBefore = Model.MetadataRequests;

        // The producer still believes n1 leads: n1 refuses, the producer asks for metadata and sends the same batch to n2.
        Model.SetLeader("orders", 0, "n2");
        producer.Tell(new Produce("orders", null, Bytes("second")), TestActor);

        var report = ExpectMsg<DeliveryReport>();
        Assert.Equal(1, report.Offset);
        Assert.True(Model.MetadataRequests > requestsBefore, "the NotLeaderOrFollower answer should have refreshed the metadata");
        Assert.Equal(2, Logs.Appends(Orders0));
        Assert.Equal([(0L, (string?)null, (string?)"first"), (1L, null, "second")], Logs.Records(Orders0));
    }

    [Fact]
    public void A_retried_batch_is_the_same_batch_byte_for_byte()
    {
        var n1 = ScriptedNode("n1");
        var n2 = ScriptedNode("n2");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer);
        producer.Tell(new Produce("orders", Bytes("k"), Bytes("v1")), TestActor);
        producer.Tell(new Produce("orders", Bytes("k"), Bytes("v2")), TestActor);

        var refused = n1.ExpectMsg<ProduceRequest>();
        Assert.Equal(["v1", "v2"], refused.Values()); // both waited for the topic's metadata, so they share a batch

        Model.SetLeader("orders", 0, "n2");
        n1.Reply(refused.Error(ErrorCode.NotLeaderOrFollower));

        var resent = n2.ExpectMsg<ProduceRequest>();
        Assert.Equal(refused.Batches.Single().Bytes.ToArray(), resent.Batches.Single().Bytes.ToArray());
        Assert.NotEqual(refused.CorrelationId, resent.CorrelationId);
        n2.Reply(resent.Ok(5));
        Assert.Equal([5L, 6L], ReceiveN(2).Cast<DeliveryReport>().Select(r => r.Offset));
        n1.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_request_without_an_answer_times_out_and_is_retried_then_succeeds_and_a_late_answer_is_ignored()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer with { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        producer.Tell(new Produce("orders", null, Bytes("v")), TestActor);

        var unanswered = node.ExpectMsg<ProduceRequest>();
        var retried = node.ExpectMsg<ProduceRequest>(TimeSpan.FromSeconds(2));
        Assert.Equal(unanswered.Batches.Single().Bytes.ToArray(), retried.Batches.Single().Bytes.ToArray());
        node.Reply(retried.Ok(3));
        Assert.Equal(3, ExpectMsg<DeliveryReport>().Offset);
        node.Reply(unanswered.Ok(2));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_non_retriable_error_fails_the_records_at_once()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer);

        producer.Tell(new Produce("orders", null, Bytes("v")), TestActor);
        node.Reply(node.ExpectMsg<ProduceRequest>().Error(ErrorCode.InvalidRecord));

        var failed = ExpectMsg<DeliveryFailed>();
        Assert.Equal(ErrorCode.InvalidRecord, failed.Error);
        Assert.Equal(0, failed.Partition);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Retries_stop_after_the_configured_number()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer with { Retries = 2 });

        producer.Tell(new Produce("orders", null, Bytes("v")), TestActor);
        for (var attempt = 0; attempt < 3; attempt++) node.Reply(node.ExpectMsg<ProduceRequest>().Error(ErrorCode.NotEnoughReplicas));

        var failed = ExpectMsg<DeliveryFailed>();
        Assert.Equal(ErrorCode.NotEnoughReplicas, failed.Error);
        Assert.Contains("3 attempts", failed.Message);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void With_one_request_in_flight_records_stay_in_order_across_retries()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        // batch.size 0: every record is a batch of its own, so three batches queue for one partition.
        var producer = StartProducer(FastProducer with { MaxInFlightRequestsPerConnection = 1, BatchSize = 0 });
        producer.Tell(new Produce("orders", null, Bytes("r1"), Partition: 0), TestActor);
        var first = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(["r1"], first.Values());
        foreach (var value in new[] { "r2", "r3" }) producer.Tell(new Produce("orders", null, Bytes(value), Partition: 0), TestActor);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // r2 and r3 wait while r1 is in flight
        // Told, not replied: after ExpectNoMsg an Akka probe has no last sender to reply to.
        producer.Tell(first.Error(ErrorCode.NotEnoughReplicas), node);

        // The retry takes the batches behind it along, in their order: the partition stores a request's batches all or none.
        var again = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(["r1", "r2", "r3"], again.Values());
        Assert.Equal(3, again.Batches.Count);
        node.Reply(again.Ok(0));

        Assert.Equal([0L, 1L, 2L], ReceiveN(3).Cast<DeliveryReport>().Select(r => r.Offset));
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_node_gets_no_more_unanswered_requests_than_max_in_flight()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        // max.request.size 100: one single-record batch (about 70 bytes) per request, so five requests queue.
        var producer = StartProducer(FastProducer with { MaxInFlightRequestsPerConnection = 2, BatchSize = 0, MaxRequestSize = 100 });
        for (var i = 0; i < 5; i++) producer.Tell(new Produce("orders", null, Bytes($"r{i}"), Partition: 0), TestActor);

        var inFlight = node.ReceiveN(2).Cast<ProduceRequest>().ToList();
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        // Told, not replied: after ExpectNoMsg an Akka probe has no last sender to reply to.
        producer.Tell(inFlight[0].Ok(0), node);
        var next = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(["r2"], next.Values());
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_request_takes_a_partitions_waiting_batches_along_up_to_max_request_size()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        // Two requests in flight; each single-record batch is about 70 bytes, so two fit into 150 and three do not.
        var producer = StartProducer(FastProducer with { MaxInFlightRequestsPerConnection = 2, BatchSize = 0, MaxRequestSize = 150 });
        producer.Tell(new Produce("orders", null, Bytes("r0"), Partition: 0), TestActor);
        var first = node.ExpectMsg<ProduceRequest>();
        producer.Tell(new Produce("orders", null, Bytes("r1"), Partition: 0), TestActor);
        node.ExpectMsg<ProduceRequest>();
        for (var i = 2; i < 6; i++) producer.Tell(new Produce("orders", null, Bytes($"r{i}"), Partition: 0), TestActor);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // r2..r5 wait for a free request

        producer.Tell(first.Ok(0), node);
        // The freed request carries the two oldest waiting batches, in order, in one message answered once.
        var next = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(["r2", "r3"], next.Values());
        Assert.Equal(2, next.Batches.Count);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        producer.Tell(next.Ok(7), node);
        Assert.Equal([0L, 7L, 8L], ReceiveN(3).Cast<DeliveryReport>().Select(r => r.Offset)); // r0, then r2 and r3
    }

    [Fact]
    public void A_batch_that_expires_in_flight_fails_alone_and_the_others_of_its_message_get_their_offsets()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("orders", "n1");
        var producer = StartProducer(FastProducer with
        {
            MaxInFlightRequestsPerConnection = 1,
            BatchSize = 0,
            RequestTimeout = TimeSpan.FromSeconds(3),
            DeliveryTimeout = TimeSpan.FromSeconds(3.5),
        });
        producer.Tell(new Produce("orders", null, Bytes("r0"), Partition: 0), TestActor);
        var first = node.ExpectMsg<ProduceRequest>();
        producer.Tell(new Produce("orders", null, Bytes("r1"), Partition: 0), TestActor);
        node.ExpectNoMsg(TimeSpan.FromSeconds(1.5)); // r2 is created 1.5 s after r1, so r1's delivery.timeout runs out first
        producer.Tell(new Produce("orders", null, Bytes("r2"), Partition: 0), TestActor);
        producer.Tell(first.Ok(0), node);
        var both = node.ExpectMsg<ProduceRequest>();
        Assert.Equal(["r1", "r2"], both.Values());
        Assert.Equal(0, ExpectMsg<DeliveryReport>().Offset);

        Assert.Equal(ErrorCode.RequestTimedOut, ExpectMsg<DeliveryFailed>(TimeSpan.FromSeconds(5)).Error); // r1, while in flight
        producer.Tell(both.Ok(10), node);

        Assert.Equal(11, ExpectMsg<DeliveryReport>().Offset); // r2 follows r1's one record
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
