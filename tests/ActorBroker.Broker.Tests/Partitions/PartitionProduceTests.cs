using Akka.Actor;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionProduceTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    [Fact]
    public void Offsets_are_dense_and_ordered_across_many_pipelined_produces()
    {
        var partition = StartPartition();
        const int Produces = 300;
        var counts = Enumerable.Range(0, Produces).Select(i => 1 + i % 5).ToArray();
        for (var i = 0; i < Produces; i++)
            partition.Tell(new ProduceRequest(Orders0, Acks.All, 5_000, Batches.Of(counts[i]), i), TestActor);

        long expected = 0;
        for (var i = 0; i < Produces; i++)
        {
            var response = ExpectMsg<ProduceResponse>();
            Assert.Equal((ErrorCode.None, (long)i, expected), (response.Error, response.CorrelationId, response.BaseOffset));
            expected += counts[i];
        }

        var offsets = new List<long>();
        while (offsets.Count < expected)
        {
            var fetch = Fetch(partition, offsets.Count);
            Assert.Equal(expected, fetch.HighWatermark);
            offsets.AddRange(Batches.OffsetsOf(fetch.Batches).Where(o => o >= offsets.Count));
        }
        Assert.Equal(Enumerable.Range(0, (int)expected).Select(i => (long)i), offsets);
    }

    [Fact]
    public void Answers_come_in_request_order_even_when_a_refusal_follows_appends_still_being_written()
    {
        var partition = StartPartition();
        for (var i = 0; i < 30; i++)
            partition.Tell(new ProduceRequest(Orders0, i == 15 ? (Acks)7 : Acks.Leader, 5_000, Batches.Of(1), i), TestActor);

        var answers = Enumerable.Range(0, 30).Select(_ => ExpectMsg<ProduceResponse>()).ToList();
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), answers.Select(a => a.CorrelationId));
        Assert.Equal(ErrorCode.InvalidRequiredAcks, answers[15].Error);
        Assert.Equal(Enumerable.Range(0, 29).Select(i => (long)i), answers.Where(a => a.Error == ErrorCode.None).Select(a => a.BaseOffset));
    }

    [Fact]
    public void Past_max_inflight_appends_the_partition_takes_no_command_until_the_journal_catches_up()
    {
        var partition = StartPartition(settings: Settings(s => s with { MaxInflightAppends = 2 }));
        Assert.Equal(0, Latest(partition)); // recovered
        Journal.HoldWrites();
        for (var i = 0; i < 3; i++) partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, Batches.Of(2), i), TestActor);
        partition.Tell(FetchFrom(0), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // the third append waits for the journal, and the fetch behind it

        Journal.ReleaseWrites();
        var messages = ReceiveN(4);
        Assert.Equal([0L, 2, 4], messages.OfType<ProduceResponse>().Select(a => a.BaseOffset));
        Assert.Equal(6, messages.OfType<FetchResponse>().Single().HighWatermark);
    }

    [Fact]
    public void A_stored_batch_keeps_the_producers_bytes_with_offset_and_leader_epoch_stamped()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        var sent = Batches.Of(3, timestamp: 5_000);
        Append(partition, sent);

        var stored = Fetch(partition, 2).Batches.Single();
        Assert.Equal((2L, 0), (stored.BaseOffset, stored.PartitionLeaderEpoch));
        Assert.Equal(sent.Bytes.Span[RecordBatch.HeaderSize..].ToArray(), stored.Bytes.Span[RecordBatch.HeaderSize..].ToArray());
        Assert.Equal((ErrorCode.None, (string?)null), stored.Validate(int.MaxValue));
        Assert.Equal(0, sent.BaseOffset); // the producer's buffer is untouched
    }

    [Fact]
    public void A_batch_larger_than_max_message_bytes_is_rejected_and_numbering_goes_on()
    {
        var small = Batches.Of(1);
        var config = TopicConfig.Default with { MaxMessageBytes = small.SizeInBytes * 3 };
        var partition = StartPartition(config);
        Append(partition, small);

        var rejected = Produce(partition, Batches.Of(20), correlationId: 5);
        Assert.Equal(ErrorCode.RecordTooLarge, rejected.Error);
        Assert.Contains("max.message.bytes", rejected.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(5, rejected.CorrelationId);

        Assert.Equal(1, Append(partition, Batches.Of(2)));
        Assert.Equal([0L, 1, 2], Batches.OffsetsOf(Fetch(partition, 0).Batches));
    }

    [Fact]
    public void A_batch_with_a_flipped_byte_is_rejected_as_corrupt_and_nothing_changes()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        var bytes = Batches.Of(2).Bytes.ToArray();
        bytes[^3] ^= 0x40;

        var rejected = Produce(partition, new RecordBatch(bytes));
        Assert.Equal(ErrorCode.CorruptMessage, rejected.Error);
        Assert.Contains("CRC", rejected.ErrorMessage, StringComparison.Ordinal);

        Assert.Equal(2, Latest(partition));
        Assert.Equal(2, Append(partition, Batches.Of(1)));
        Assert.Equal([0L, 1, 2], Batches.OffsetsOf(Fetch(partition, 0).Batches));
    }

    [Fact]
    public void Acks_other_than_minus_one_zero_and_one_are_rejected()
    {
        var partition = StartPartition();
        var response = Produce(partition, Batches.Of(1), (Acks)2);

        Assert.Equal(ErrorCode.InvalidRequiredAcks, response.Error);
        Assert.Equal(0, Latest(partition));
    }

    [Fact]
    public void Acks_all_needs_min_insync_replicas_and_is_refused_before_appending()
    {
        var partition = StartPartition(TopicConfig.Default with { MinInsyncReplicas = 2 });

        var refused = Produce(partition, Batches.Of(1), Acks.All);
        Assert.Equal(ErrorCode.NotEnoughReplicas, refused.Error);
        Assert.Contains("min.insync.replicas=2", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, Latest(partition));

        Assert.Equal(0, Append(partition, Batches.Of(1))); // acks=1 does not wait for replicas
    }

    [Fact]
    public void Acks_zero_gets_no_answer_yet_the_batch_is_stored()
    {
        var partition = StartPartition();
        partition.Tell(new ProduceRequest(Orders0, Acks.None, 5_000, Batches.Of(3), 1), TestActor);
        partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, Batches.Of(1), 2), TestActor);

        // Answers come in order, so the first one being the second produce's means the first got none.
        var first = ExpectMsg<ProduceResponse>();
        Assert.Equal((2L, 3L), (first.CorrelationId, first.BaseOffset));
        Assert.Equal([0L, 1, 2, 3], Batches.OffsetsOf(Fetch(partition, 0).Batches));
    }

    [Fact]
    public void A_produce_for_another_partition_is_refused()
    {
        var partition = StartPartition();
        partition.Tell(new ProduceRequest(Orders0 with { Partition = 1 }, Acks.Leader, 5_000, Batches.Of(1), 3), TestActor);

        Assert.Equal(ErrorCode.UnknownTopicOrPartition, ExpectMsg<ProduceResponse>().Error);
    }

    [Fact]
    public void A_journal_failure_answers_KafkaStorageError_and_stops_the_partition_whose_next_incarnation_recovers_without_renumbering()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        Append(partition, Batches.Of(2));

        Journal.FailWrites = true;
        var failed = Produce(partition, Batches.Of(3), Acks.All, correlationId: 9);
        Assert.Equal(ErrorCode.KafkaStorageError, failed.Error);
        Assert.Contains("disk full", failed.ErrorMessage, StringComparison.Ordinal);

        // Akka stops a persistent actor whose write failed; its next incarnation recovers what was stored.
        Watch(partition);
        ExpectTerminated(partition);
        Journal.FailWrites = false;
        partition = StartPartition();
        Assert.Equal(4, Append(partition, Batches.Of(1)));
        Assert.Equal([0L, 1, 2, 3, 4], Batches.OffsetsOf(Fetch(partition, 0).Batches));
    }

    [Fact]
    public void Several_batches_in_one_request_get_consecutive_offsets_and_one_answer()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        partition.Tell(new ProduceRequest(Orders0, Acks.All, 5_000, [Batches.Of(3), Batches.Of(1), Batches.Of(4)], 7), TestActor);
        partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, Batches.Of(2), 8), TestActor);

        var answers = ReceiveN(2).Cast<ProduceResponse>().ToList();
        Assert.Equal([(ErrorCode.None, 7L, 2L), (ErrorCode.None, 8L, 10L)], answers.Select(a => (a.Error, a.CorrelationId, a.BaseOffset)));
        var stored = Fetch(partition, 0).Batches;
        Assert.Equal([0L, 2, 5, 6, 10], stored.Select(b => b.BaseOffset)); // each batch stays a batch of its own
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), Batches.OffsetsOf(stored));
    }

    [Fact]
    public void A_request_with_one_bad_batch_stores_none_of_its_batches()
    {
        var partition = StartPartition();
        var bytes = Batches.Of(2).Bytes.ToArray();
        bytes[^3] ^= 0x40;

        var response = ProduceBatches(partition, [Batches.Of(1), new RecordBatch(bytes), Batches.Of(1)]);

        Assert.Equal(ErrorCode.CorruptMessage, response.Error);
        Assert.Equal(0, Latest(partition));
        Assert.Equal(0, Append(partition, Batches.Of(1)));
        Assert.Equal(ErrorCode.CorruptMessage, ProduceBatches(partition, []).Error);
    }

    [Fact]
    public void A_journal_rejection_fails_the_whole_request_once_and_later_requests_are_stored()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(1));

        Journal.RejectWrites = true;
        var rejected = ProduceBatches(partition, [Batches.Of(2), Batches.Of(3)]);
        Assert.Equal((ErrorCode.KafkaStorageError, 9L), (rejected.Error, rejected.CorrelationId));
        Assert.Contains("offsets 1..5", rejected.ErrorMessage, StringComparison.Ordinal);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // one answer for the request, not one per batch

        Journal.RejectWrites = false;
        Assert.Equal(6, ProduceBatches(partition, [Batches.Of(1), Batches.Of(1)]).BaseOffset); // the rejected offsets stay a gap
        Assert.Equal([0L, 6, 7], Batches.OffsetsOf(Fetch(partition, 0).Batches));
    }

    private ProduceResponse ProduceBatches(IActorRef partition, RecordBatch[] batches)
    {
        partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, batches, 9), TestActor);
        return ExpectMsg<ProduceResponse>();
    }
}
