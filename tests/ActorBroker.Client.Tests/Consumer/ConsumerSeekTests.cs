using ActorBroker.Client.Consumer;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Consumer;

public sealed class ConsumerSeekTests(ITestOutputHelper output) : ConsumerTestKit(output)
{
    private static readonly TopicPartition Partition = new("t", 0);

    private void TopicWith(int records)
    {
        StartNode("n1");
        Model.AddTopic("t", "n1");
        Logs.Fill(Partition, records, perBatch: 7); // batches start at 0, 7, 14, 21...; timestamps are 1000 + offset
    }

    /// <summary>
    /// Waits until the node has answered <paramref name="count"/> lookups of the end: a record appended after that lies
    /// past the position the consumer was given, however late the consumer reads the answer.
    /// </summary>
    private void AwaitEndLookups(int count) => AwaitCondition(() => Logs.EndLookups(Partition) >= count);

    [Fact]
    public void A_seek_to_an_offset_inside_a_batch_skips_the_records_below_it()
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        consumer.Tell(new Seek(Partition, 17), TestActor);

        var first = ExpectInEpoch<ConsumedRecords>(consumer, 2);
        Assert.Equal(17, first.FromOffset);
        Assert.Equal(14, first.Batches[0].BaseOffset); // the broker returned the whole batch
        Assert.Equal(17, Flatten(first)[0].Offset);
        Assert.Equal(first.Count, Flatten(first).Count);
        var rest = Consume(consumer, 30 - 17 - Flatten(first).Count);
        Assert.Equal([.. Enumerable.Range(17, 13).Select(i => (long)i)], Flatten(first).Select(r => r.Offset).Concat(rest.Select(r => r.Offset)));
    }

    [Fact]
    public void A_seek_while_consuming_restarts_from_the_new_position_with_a_new_epoch()
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        var before = NextDelivery(consumer);

        consumer.Tell(new Seek(Partition, 3), TestActor);

        var after = FishForMessage<ConsumedRecords>(d => d.Epoch > before.Epoch);
        Assert.Equal(3, after.FromOffset);
        Assert.Equal(3, Flatten(after)[0].Offset);
    }

    [Fact]
    public void SeekToBeginning_starts_at_the_log_start_offset()
    {
        TopicWith(30);
        Logs.DeleteBefore(Partition, 10); // retention dropped batches 0-6; the log now starts at 7
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.Latest }, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        consumer.Tell(new SeekToBeginning(Partition), TestActor);

        Assert.Equal(7, Flatten(ExpectInEpoch<ConsumedRecords>(consumer, 2))[0].Offset);
    }

    [Fact]
    public void SeekToEnd_delivers_only_records_written_afterwards()
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.Latest }, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        AwaitEndLookups(1); // auto.offset.reset = latest
        consumer.Tell(new SeekToEnd(Partition), TestActor);
        AwaitEndLookups(2);

        Logs.Append(Partition, ("k", "new", 9_999));

        Assert.Equal([(30L, "new")], Flatten(NextDelivery(consumer)));
    }

    [Fact]
    public void SeekToTimestamp_starts_at_the_first_record_at_or_after_that_time()
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        consumer.Tell(new SeekToTimestamp(Partition, 1_025), TestActor);

        Assert.Equal(25, Flatten(ExpectInEpoch<ConsumedRecords>(consumer, 2))[0].Offset);
    }

    [Fact]
    public void SeekToTimestamp_past_the_newest_record_continues_from_the_end()
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.Latest }, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        AwaitEndLookups(1); // auto.offset.reset = latest
        consumer.Tell(new SeekToTimestamp(Partition, 1_000_000), TestActor);
        AwaitEndLookups(2); // no record that recent: the end

        Logs.Append(Partition, ("k", "new", 2_000_000));

        Assert.Equal([(30L, "new")], Flatten(NextDelivery(consumer)));
    }

    [Fact]
    public void Without_a_seek_a_new_partition_starts_where_auto_offset_reset_says()
    {
        TopicWith(30);
        var earliest = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.Earliest }, TestActor);
        earliest.Tell(new Assign([Partition]), TestActor);
        Assert.Equal(0, Flatten(NextDelivery(earliest))[0].Offset);
        Sys.Stop(earliest);

        var subscriber = CreateTestProbe();
        var latest = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.Latest }, subscriber.Ref);
        latest.Tell(new Assign([Partition]), subscriber.Ref);
        AwaitEndLookups(1);
        Logs.Append(Partition, ("k", "new", 1));
        var delivery = subscriber.ExpectMsg<ConsumedRecords>();
        Assert.Equal(30, delivery.FromOffset);
    }

    [Theory]
    [InlineData(AutoOffsetReset.Earliest, 0)]
    [InlineData(AutoOffsetReset.Latest, 30)]
    public void An_out_of_range_position_is_reset_by_auto_offset_reset(AutoOffsetReset reset, long expectedStart)
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = reset }, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        if (reset == AutoOffsetReset.Latest) AwaitEndLookups(1);
        consumer.Tell(new Seek(Partition, 500), TestActor);
        if (reset == AutoOffsetReset.Latest)
        {
            AwaitEndLookups(2); // the fetch at 500 was out of range
            Logs.Append(Partition, ("k", "new", 1));
        }

        Assert.Equal(expectedStart, Flatten(ExpectInEpoch<ConsumedRecords>(consumer, 2))[0].Offset);
    }

    [Fact]
    public void An_out_of_range_position_with_auto_offset_reset_none_fails_the_partition_until_a_seek()
    {
        TopicWith(30);
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.None }, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);
        consumer.Tell(new Seek(Partition, 500), TestActor);

        // Epoch 1 (the assignment) may fail first for having no position; the seek's epoch 2 fails for its range.
        var failed = ExpectInEpoch<ConsumeFailed>(consumer, 2);
        Assert.Equal(ErrorCode.OffsetOutOfRange, failed.Error);
        Assert.Equal(Partition, failed.Partition);
        Assert.Contains("out of range", failed.Message);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        consumer.Tell(new Seek(Partition, 28), TestActor);
        Assert.Equal([(28L, "v28"), (29L, "v29")], Flatten(ExpectInEpoch<ConsumedRecords>(consumer, 3)));
    }

    [Fact]
    public void A_partition_without_a_position_and_auto_offset_reset_none_fails_at_once()
    {
        TopicWith(3);
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.None }, TestActor);
        consumer.Tell(new Assign([Partition]), TestActor);

        var failed = ExpectMsg<ConsumeFailed>();
        Assert.Equal(ErrorCode.OffsetOutOfRange, failed.Error);
        Assert.Contains("no position", failed.Message);
    }
}
