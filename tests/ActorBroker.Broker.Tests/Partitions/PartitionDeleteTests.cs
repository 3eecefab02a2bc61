using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class PartitionDeleteTests(ITestOutputHelper output) : PartitionTestBase(output)
{
    [Fact]
    public async Task Deleting_the_partition_deletes_its_journal_events_answers_and_stops()
    {
        var partition = StartPartition();
        for (var i = 0; i < 3; i++) Append(partition, Batches.Of(2));
        var consumer = CreateTestProbe();
        partition.Tell(FetchFrom(6, minBytes: 1, maxWaitMs: 30_000), consumer.Ref);
        Watch(partition);

        partition.Tell(new DeletePartition(Orders0, TopicId), TestActor);
        var deleted = ExpectMsg<PartitionDeleted>();
        Assert.Equal(new PartitionDeleted(Orders0, TopicId, ErrorCode.None, null), deleted);
        ExpectTerminated(partition);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, consumer.ExpectMsg<FetchResponse>().Error);
        Assert.Empty(await StoredSequenceNrsAsync());
    }

    [Fact]
    public async Task Appends_accepted_before_the_delete_are_answered_and_deleted_too()
    {
        var partition = StartPartition();
        var producer = CreateTestProbe();
        for (var i = 0; i < 20; i++) partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, Batches.Of(1), i), producer.Ref);
        partition.Tell(new DeletePartition(Orders0, TopicId), TestActor);
        partition.Tell(new ProduceRequest(Orders0, Acks.Leader, 5_000, Batches.Of(1), 99), producer.Ref);

        Assert.Equal(ErrorCode.None, ExpectMsg<PartitionDeleted>().Error);
        var answers = Enumerable.Range(0, 21).Select(_ => producer.ExpectMsg<ProduceResponse>()).ToList();
        Assert.All(answers.Take(20), a => Assert.Equal(ErrorCode.None, a.Error));
        Assert.Equal((99L, ErrorCode.UnknownTopicOrPartition), (answers[20].CorrelationId, answers[20].Error));
        Assert.Empty(await StoredSequenceNrsAsync());
    }

    [Fact]
    public async Task A_delete_for_another_topic_id_leaves_the_log_alone()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        var otherTopic = Guid.NewGuid();

        partition.Tell(new DeletePartition(Orders0, otherTopic), TestActor);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, ExpectMsg<PartitionDeleted>().Error);
        Assert.Equal([0L, 1], Batches.OffsetsOf(Fetch(partition, 0).Batches));
        Assert.Equal([1L], await StoredSequenceNrsAsync());
    }

    [Fact]
    public void A_re_created_topic_has_a_log_of_its_own()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));

        var recreated = Sys.ActorOf(PartitionActor.Props(Orders0, Guid.NewGuid(), TopicConfig.Default, Settings()));
        Assert.Equal(0, Latest(recreated));
        Assert.Equal(2, Latest(partition));
    }

    [Fact]
    public void Stopping_answers_waiting_fetches_not_leader_and_keeps_the_log()
    {
        var partition = StartPartition();
        Append(partition, Batches.Of(2));
        var consumer = CreateTestProbe();
        partition.Tell(FetchFrom(2, minBytes: 1, maxWaitMs: 30_000), consumer.Ref);
        Watch(partition);

        partition.Tell(StopPartition.Instance, TestActor);
        ExpectTerminated(partition);
        Assert.Equal(ErrorCode.NotLeaderOrFollower, consumer.ExpectMsg<FetchResponse>().Error);
        Assert.Equal([0L, 1], Batches.OffsetsOf(Fetch(StartPartition(), 0).Batches));
    }
}
