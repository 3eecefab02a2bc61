using System.Diagnostics;
using ActorBroker.Client.Producer;
using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Producer;

public sealed class ProducerLimitsTests(ITestOutputHelper output) : ClientTestKit(output)
{
    [Fact]
    public void A_record_not_answered_within_delivery_timeout_fails_with_a_typed_error()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with
        {
            RequestTimeout = TimeSpan.FromMilliseconds(400),
            DeliveryTimeout = TimeSpan.FromMilliseconds(600),
        });

        var sent = Stopwatch.StartNew();
        producer.Tell(new Produce("t", null, Bytes("v")), TestActor);
        node.ExpectMsg<ProduceRequest>();
        var failed = ExpectMsg<DeliveryFailed>(TimeSpan.FromSeconds(10));
        Assert.Equal(ErrorCode.RequestTimedOut, failed.Error);
        Assert.Contains("delivery.timeout", failed.Message);
        // Never before delivery.timeout; how much later depends on the machine's load, so no upper bound is asserted.
        Assert.True(sent.Elapsed >= TimeSpan.FromMilliseconds(600), $"failed after {sent.Elapsed.TotalMilliseconds:F0} ms, before delivery.timeout");
    }

    [Fact]
    public void A_record_for_a_partition_without_a_leader_fails_after_delivery_timeout()
    {
        Model.AddTopic("t", [null]);
        var producer = StartProducer(FastProducer with
        {
            RequestTimeout = TimeSpan.FromMilliseconds(200),
            DeliveryTimeout = TimeSpan.FromMilliseconds(400),
        });

        producer.Tell(new Produce("t", null, Bytes("v")), TestActor);

        var failed = ExpectMsg<DeliveryFailed>(TimeSpan.FromSeconds(3));
        Assert.Equal(ErrorCode.RequestTimedOut, failed.Error);
        Assert.Contains("before it was sent", failed.Message);
    }

    [Fact]
    public void When_buffer_memory_is_full_a_record_waits_then_fails_after_max_block()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        // Each 500-byte record reserves 536 bytes: the second does not fit into 1000.
        var producer = StartProducer(FastProducer with { BufferMemory = 1000, MaxBlock = TimeSpan.FromMilliseconds(300) });
        KnowTopic(producer, node, "t");
        producer.Tell(new Produce("t", null, new byte[500]), TestActor);
        node.ExpectMsg<ProduceRequest>();

        var blocked = Stopwatch.StartNew();
        producer.Tell(new Produce("t", null, new byte[500]), TestActor);
        var failed = ExpectMsg<DeliveryFailed>(TimeSpan.FromSeconds(10));
        Assert.Equal(ErrorCode.RequestTimedOut, failed.Error);
        Assert.Contains("max.block", failed.Message);
        Assert.True(blocked.Elapsed >= TimeSpan.FromMilliseconds(300), $"failed after {blocked.Elapsed.TotalMilliseconds:F0} ms, before max.block");
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_record_waiting_for_buffer_memory_goes_out_once_memory_frees()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { BufferMemory = 1000 });
        producer.Tell(new Produce("t", null, new byte[500]), TestActor);
        var first = node.ExpectMsg<ProduceRequest>();
        producer.Tell(new Produce("t", null, new byte[500]), TestActor);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        // Told, not replied: after ExpectNoMsg an Akka probe has no last sender to reply to.
        producer.Tell(first.Ok(0), node);

        Assert.Equal(0, ExpectMsg<DeliveryReport>().Offset);
        node.Reply(node.ExpectMsg<ProduceRequest>().Ok(1));
        Assert.Equal(1, ExpectMsg<DeliveryReport>().Offset);
    }

    [Fact]
    public void Produce_messages_beyond_max_blocked_produces_fail_at_once()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { BufferMemory = 1000, MaxBlockedProduces = 1 });
        producer.Tell(new Produce("t", null, new byte[500]), TestActor);
        node.ExpectMsg<ProduceRequest>();

        producer.Tell(new Produce("t", null, new byte[500]), TestActor); // waits
        producer.Tell(new Produce("t", null, new byte[500]), TestActor); // no room to wait

        var failed = ExpectMsg<DeliveryFailed>(TimeSpan.FromMilliseconds(500));
        Assert.Contains("max-blocked-produces", failed.Message);
    }

    [Fact]
    public void A_record_larger_than_max_request_size_fails_locally_with_RecordTooLarge()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { MaxRequestSize = 1024 });

        producer.Tell(new Produce("t", null, new byte[2000]), TestActor);

        var failed = ExpectMsg<DeliveryFailed>();
        Assert.Equal(ErrorCode.RecordTooLarge, failed.Error);
        Assert.Contains("max.request.size", failed.Message);
        node.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_record_for_a_topic_that_never_appears_fails_after_max_block()
    {
        ScriptedNode("n1");
        var producer = StartProducer(FastProducer with { MaxBlock = TimeSpan.FromMilliseconds(300) });

        producer.Tell(new Produce("missing", null, Bytes("v")), TestActor);

        var failed = ExpectMsg<DeliveryFailed>(TimeSpan.FromSeconds(2));
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, failed.Error);
        Assert.Contains("max.block", failed.Message);
    }

    [Fact]
    public void A_record_for_a_topic_created_within_max_block_is_delivered()
    {
        StartNode("n1");
        var producer = StartProducer(FastProducer);
        producer.Tell(new Produce("late", null, Bytes("v")), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));

        Model.AddTopic("late", "n1");

        Assert.Equal(0, ExpectMsg<DeliveryReport>().Offset);
    }

    [Fact]
    public void Bad_settings_fail_when_the_props_are_made_not_later_in_the_actor()
    {
        var error = Assert.Throws<ConfigException>(() => StartProducer(FastProducer with { MaxInFlightRequestsPerConnection = 0 }));
        Assert.Equal("actorbroker.client.producer.max-in-flight-requests-per-connection", error.Path);
    }

    [Fact]
    public void An_invalid_topic_name_fails_with_InvalidTopic()
    {
        var producer = StartProducer(FastProducer);
        producer.Tell(new Produce("no spaces allowed", null, Bytes("v")), TestActor);
        Assert.Equal(ErrorCode.InvalidTopic, ExpectMsg<DeliveryFailed>().Error);
    }

    [Fact]
    public void A_producer_stopped_with_a_PoisonPill_fails_every_record_it_holds_instead_of_dropping_it()
    {
        var node = ScriptedNode("n1");
        Model.AddTopic("t", "n1");
        var producer = StartProducer(FastProducer with { Linger = TimeSpan.FromSeconds(5) });
        producer.Tell(new Produce("t", null, Bytes("in-flight"), Partition: 0), TestActor);
        producer.Tell(Flush.Instance, ActorRefs.NoSender);
        node.ExpectMsg<ProduceRequest>();
        producer.Tell(new Produce("t", null, Bytes("lingering"), Partition: 0), TestActor);
        producer.Tell(new Produce("unknown-topic", null, Bytes("waiting-for-metadata")), TestActor);

        // A PoisonPill comes after the Produce messages, so they are accepted first; Stop would dead-letter them unread.
        producer.Tell(PoisonPill.Instance, ActorRefs.NoSender);

        var failures = ReceiveN(3).Cast<DeliveryFailed>().ToList();
        Assert.All(failures, f => Assert.Equal(ErrorCode.UnknownServerError, f.Error));
        Assert.Equal(["t", "t", "unknown-topic"], failures.Select(f => f.Topic).Order());
    }
}
