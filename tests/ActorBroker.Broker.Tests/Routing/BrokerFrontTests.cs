using ActorBroker.Broker.Security;
using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Routing;

public sealed class BrokerFrontTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly TestProbe _cache;
    private readonly TestProbe _controller;
    private readonly TestProbe _region;
    private readonly TestProbe _describer;
    private readonly TestProbe _localReplica;
    private readonly IActorRef _front;

    public BrokerFrontTests(ITestOutputHelper output)
        : base(TestConfigs.Broker(), "broker-front", output)
    {
        var metadata = new LocalMetadata();
        metadata.TryAdvance(Images.With(Images.Version(1, 1), "t", Guid.NewGuid(), "n1", null));
        _cache = CreateTestProbe();
        _controller = CreateTestProbe();
        _region = CreateTestProbe();
        _describer = CreateTestProbe();
        _localReplica = CreateTestProbe();
        var replicas = new LocalReplicas();
        replicas.Set(new TopicPartition("t", 0), _localReplica.Ref);
        _front = Sys.ActorOf(BrokerFront.Props(metadata, _cache.Ref, _controller.Ref, _region.Ref, _describer.Ref, replicas,
            new FrontAuthorizer(null, AuthorizationSettings.Off, metadata, Sys.Name, Sys.Log)));
    }

    private static ProduceRequest Produce(TopicPartition partition, Acks acks = Acks.Leader)
    {
        using var builder = new RecordBatchBuilder();
        builder.TryAppend(1, null, [1]);
        return new ProduceRequest(partition, acks, 1000, builder.Build(), 11);
    }

    [Fact]
    public void Requests_for_a_led_partition_go_to_the_shard_region_with_the_clients_sender()
    {
        var produce = Produce(new TopicPartition("t", 0));
        var fetch = new FetchRequest(new TopicPartition("t", 0), 0, 1024, 1, 100, -1, null, 12);
        var list = new ListOffsetsRequest(new TopicPartition("t", 0), ListOffsetsRequest.Latest, 13);

        foreach (var request in new object[] { produce, fetch, list })
        {
            _front.Tell(request, TestActor);
            Assert.Same(request, _region.ExpectMsg<object>());
            Assert.Equal(TestActor, _region.LastSender);
        }
    }

    [Fact]
    public void Unknown_partitions_and_partitions_without_a_leader_are_answered_at_once_with_typed_errors()
    {
        _front.Tell(Produce(new TopicPartition("nope", 0)), TestActor);
        var unknownTopic = ExpectMsg<ProduceResponse>();
        _front.Tell(new FetchRequest(new TopicPartition("t", 2), 0, 1024, 1, 100, -1, null, 21), TestActor);
        var unknownPartition = ExpectMsg<FetchResponse>();
        _front.Tell(new ListOffsetsRequest(new TopicPartition("t", 1), ListOffsetsRequest.Earliest, 22), TestActor);
        var offline = ExpectMsg<ListOffsetsResponse>();

        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 11L), (unknownTopic.Error, unknownTopic.CorrelationId));
        Assert.Contains("nope-0 does not exist", unknownTopic.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((ErrorCode.UnknownTopicOrPartition, 21L), (unknownPartition.Error, unknownPartition.CorrelationId));
        Assert.Equal((ErrorCode.LeaderNotAvailable, 22L), (offline.Error, offline.CorrelationId));
        _region.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_debugging_read_goes_to_this_nodes_replica_and_one_for_a_partition_without_a_replica_here_is_refused()
    {
        var read = new FetchRequest(new TopicPartition("t", 0), 0, 1024, 0, 0, -1, FetchRequest.DebugReplicaId, 31);
        _front.Tell(read, TestActor);
        Assert.Same(read, _localReplica.ExpectMsg<FetchRequest>());
        Assert.Equal(TestActor, _localReplica.LastSender);

        _front.Tell(read with { Partition = new TopicPartition("t", 1), CorrelationId = 32 }, TestActor);
        var refused = ExpectMsg<FetchResponse>();
        Assert.Equal((ErrorCode.NotLeaderOrFollower, 32L), (refused.Error, refused.CorrelationId));
        Assert.Contains("holds no replica of partition t-1", refused.ErrorMessage, StringComparison.Ordinal);
        _region.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void An_acks_zero_produce_for_an_unknown_partition_gets_no_answer()
    {
        _front.Tell(Produce(new TopicPartition("nope", 0), Acks.None), TestActor);

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        _region.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Metadata_goes_to_the_cache_and_topic_administration_to_the_controller()
    {
        var metadata = new MetadataRequest(null, 1);
        var create = new CreateTopicRequest("x", 1, 1, new Dictionary<string, string>(), 2);
        var delete = new DeleteTopicRequest("x", 3);
        var grow = new CreatePartitionsRequest("x", 2, 4);

        _front.Tell(metadata, TestActor);
        foreach (var request in new object[] { create, delete, grow }) _front.Tell(request, TestActor);

        Assert.Same(metadata, _cache.ExpectMsg<MetadataRequest>());
        Assert.Equal(TestActor, _cache.LastSender);
        Assert.Same(create, _controller.ExpectMsg<CreateTopicRequest>());
        Assert.Same(delete, _controller.ExpectMsg<DeleteTopicRequest>());
        Assert.Same(grow, _controller.ExpectMsg<CreatePartitionsRequest>());
        Assert.Equal(TestActor, _controller.LastSender);
    }

    [Fact]
    public async Task A_cluster_description_request_goes_to_the_describer_with_its_sender()
    {
        _front.Tell(new DescribeClusterRequest(5), TestActor);

        Assert.Equal(5, (await _describer.ExpectMsgAsync<DescribeClusterRequest>()).CorrelationId);
        Assert.Equal(TestActor, _describer.LastSender);
    }
}
