using Akka.Actor;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Replication;

namespace ActorBroker.Broker.Tests.Routing;

public sealed class PartitionEntityFactoryTests(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(output: output)
{
    private static readonly Guid TopicId = Guid.NewGuid();
    private static readonly Guid DeletingId = Guid.NewGuid();
    private readonly LocalMetadata _metadata = new();
    private readonly LocalReplicas _replicas = new();
    private readonly TestPartitionLog _log = new();

    private PartitionEntityFactory Factory()
    {
        var image = Images.With(Images.Version(1, 1), "t", TopicId, "self", "other", null);
        _metadata.TryAdvance(image with
        {
            DeletingTopics = new Dictionary<string, TopicImage> { ["gone"] = Images.Topic("gone", DeletingId, "self") },
        });
        return new PartitionEntityFactory(_metadata, "self", _replicas);
    }

    private void StartReplica(TopicPartition partition, Guid topicId) =>
        _replicas.Set(partition, Sys.ActorOf(Props.Create(() => new TestPartition(partition, topicId, TopicConfig.Default, _log))));

    /// <summary>What an entity made from <paramref name="props"/> answers to a list-offsets request.</summary>
    private ListOffsetsResponse AnswerOf(Props props, string entityId)
    {
        var entity = Sys.ActorOf(props);
        TopicPartition.TryParse(entityId, out var partition);
        entity.Tell(new ListOffsetsRequest(partition, ListOffsetsRequest.Latest, 5), TestActor);
        return ExpectMsg<ListOffsetsResponse>();
    }

    [Fact]
    public void A_partition_this_node_leads_gets_a_gateway_to_the_nodes_replica()
    {
        var factory = Factory();
        StartReplica(new TopicPartition("t", 0), TopicId);

        var answer = AnswerOf(factory.Create("t-0"), "t-0");

        Assert.Equal(ErrorCode.None, answer.Error);
        Assert.StartsWith("start@", Assert.Single(_log.Entries), StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_without_a_replica_on_its_node_answers_not_leader_so_the_client_refreshes_its_metadata()
    {
        var answer = AnswerOf(Factory().Create("t-0"), "t-0");

        Assert.Equal(ErrorCode.NotLeaderOrFollower, answer.Error);
        Assert.Contains("has no replica of partition t-0", answer.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partition_of_a_topic_being_deleted_still_gets_a_gateway_that_passes_the_delete_to_the_replica()
    {
        var factory = Factory();
        StartReplica(new TopicPartition("gone", 0), DeletingId);
        var entity = Sys.ActorOf(factory.Create("gone-0"));

        entity.Tell(new DeletePartition(new TopicPartition("gone", 0), DeletingId), TestActor);

        Assert.Equal(new PartitionDeleted(new TopicPartition("gone", 0), DeletingId, ErrorCode.None, null), ExpectMsg<PartitionDeleted>());
        Assert.Contains(_log.Entries, e => e.StartsWith("delete@", StringComparison.Ordinal));
    }

    [Fact]
    public void A_delete_for_a_replica_that_is_gone_already_is_answered_done()
    {
        var entity = Sys.ActorOf(Factory().Create("gone-0"));

        entity.Tell(new DeletePartition(new TopicPartition("gone", 0), DeletingId), TestActor);

        Assert.Equal(ErrorCode.None, ExpectMsg<PartitionDeleted>().Error);
    }

    [Fact]
    public void A_gateway_on_a_node_that_does_not_lead_forwards_to_the_leaders_replica_while_the_shard_waits_to_move()
    {
        var factory = Factory();
        // "other" leads t-1; its broker node is this test system, where a replica actor stands at the path replicas use.
        _metadata.TryAdvance(_metadata.Current with
        {
            Version = _metadata.Current.Version + 1,
            Nodes = [new BrokerNode("other", $"{((ExtendedActorSystem)Sys).Provider.DefaultAddress}/user/broker")],
        });
        var childName = $"t-1-{TopicId:N}";
        Sys.ActorOf(Props.Create(() => new ReplicasParent(childName, new TopicPartition("t", 1), TopicId, _log)), "replicas");
        AwaitCondition(() => _log.Entries.Count == 1);

        var answer = AnswerOf(factory.Create("t-1"), "t-1");

        Assert.Equal(ErrorCode.None, answer.Error);
    }

    [Theory]
    [InlineData("t-1", ErrorCode.LeaderNotAvailable, "led by other, which is not Up")]
    [InlineData("t-2", ErrorCode.LeaderNotAvailable, "has no leader now")]
    [InlineData("t-3", ErrorCode.UnknownTopicOrPartition, "t-3 does not exist")]
    [InlineData("nope-0", ErrorCode.UnknownTopicOrPartition, "nope-0 does not exist")]
    [InlineData("garbage", ErrorCode.UnknownTopicOrPartition, "'garbage' does not name a topic partition")]
    public void A_partition_this_node_cannot_reach_answers_with_a_typed_error_instead(string entityId, ErrorCode error, string reason)
    {
        var answer = AnswerOf(Factory().Create(entityId), entityId);

        Assert.Equal((error, 5L), (answer.Error, answer.CorrelationId));
        Assert.Contains(reason, answer.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>Stands at <c>/user/replicas</c> with one replica child, as a node's replica manager does.</summary>
    private sealed class ReplicasParent : ReceiveActor
    {
        public ReplicasParent(string childName, TopicPartition partition, Guid topicId, TestPartitionLog log) =>
            Context.ActorOf(Props.Create(() => new TestPartition(partition, topicId, TopicConfig.Default, log)), childName);
    }
}
