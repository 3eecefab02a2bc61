using ActorBroker.Client.Consumer;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Consumer;

public sealed class ConsumerDeliveryTests(ITestOutputHelper output) : ConsumerTestKit(output)
{
    [Fact]
    public void Records_of_several_partitions_arrive_each_in_offset_order()
    {
        StartNode("n1");
        StartNode("n2");
        Model.AddTopic("t", "n1", "n2", "n1");
        var partitions = Enumerable.Range(0, 3).Select(p => new TopicPartition("t", p)).ToList();
        foreach (var p in partitions) Logs.Fill(p, 50, perBatch: 7);
        var consumer = StartConsumer(FastConsumer with { MaxPartitionFetchBytes = 300 }, TestActor);

        consumer.Tell(new Assign(partitions), TestActor);

        var records = Consume(consumer, 150);
        Assert.Equal(150, records.Count);
        foreach (var p in partitions)
            Assert.Equal([.. Enumerable.Range(0, 50).Select(i => ((long)i, $"v{i}"))], records.Where(r => r.Partition == p).Select(r => (r.Offset, r.Value)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Records_appended_later_arrive_through_the_long_poll()
    {
        StartNode("n1");
        Model.AddTopic("t", "n1");
        var partition = new TopicPartition("t", 0);
        var consumer = StartConsumer(FastConsumer, TestActor);
        consumer.Tell(new Assign([partition]), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        Logs.Append(partition, ("k", "late", 5));

        var delivery = NextDelivery(consumer);
        Assert.Equal([(0L, "late")], Flatten(delivery));
        Assert.Equal(1, delivery.NextOffset);
        Assert.Equal(1, delivery.HighWatermark);
    }

    [Fact]
    public void Fetching_pauses_while_the_subscriber_is_behind_and_resumes_when_it_catches_up()
    {
        StartNode("n1");
        Model.AddTopic("t", "n1", "n1");
        var p0 = new TopicPartition("t", 0);
        var p1 = new TopicPartition("t", 1);
        Logs.Fill(p0, 100, perBatch: 5);
        Logs.Fill(p1, 100, perBatch: 5);
        // One batch per fetch, and any delivery fills the buffer: each partition may deliver once before pausing.
        var consumer = StartConsumer(FastConsumer with { MaxPartitionFetchBytes = 1, MaxBufferedBytes = 1 }, TestActor);

        consumer.Tell(new Assign([p0, p1]), TestActor);

        var unprocessed = new List<ConsumedRecords> { ExpectMsg<ConsumedRecords>() };
        while (ReceiveOne(TimeSpan.FromMilliseconds(300)) is ConsumedRecords more) unprocessed.Add(more);
        Assert.InRange(unprocessed.Count, 1, 2); // at most one fetch answer per partition beyond the bound

        foreach (var _ in unprocessed) consumer.Tell(RecordsProcessed.Instance, TestActor);
        var resumed = ExpectMsg<ConsumedRecords>();
        Assert.Equal(5, resumed.Count);
    }

    [Fact]
    public void A_leader_change_is_followed_and_consumption_resumes_at_the_same_position()
    {
        StartNode("n1");
        StartNode("n2");
        Model.AddTopic("t", "n1");
        var partition = new TopicPartition("t", 0);
        Logs.Fill(partition, 10, perBatch: 5);
        var consumer = StartConsumer(FastConsumer, TestActor);
        consumer.Tell(new Assign([partition]), TestActor);
        Assert.Equal(10, Consume(consumer, 10).Count);

        Model.SetLeader("t", 0, "n2");
        Logs.Fill(partition, 10, perBatch: 5);

        var records = Consume(consumer, 10);
        Assert.Equal([.. Enumerable.Range(10, 10).Select(i => (long)i)], records.Select(r => r.Offset));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_partition_of_a_topic_that_does_not_exist_is_retried_until_the_topic_appears()
    {
        StartNode("n1");
        var partition = new TopicPartition("later", 0);
        var consumer = StartConsumer(FastConsumer, TestActor);
        consumer.Tell(new Assign([partition]), TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Model.AddTopic("later", "n1");
        Logs.Append(partition, ("k", "v", 1));

        Assert.Equal([(0L, "v")], Flatten(NextDelivery(consumer)));
    }

    [Fact]
    public void The_consumer_stops_with_its_subscriber()
    {
        var subscriber = CreateTestProbe();
        var consumer = StartConsumer(FastConsumer with { AutoOffsetReset = AutoOffsetReset.Latest }, subscriber.Ref);
        Watch(consumer);

        Sys.Stop(subscriber.Ref);

        ExpectTerminated(consumer);
    }
}
