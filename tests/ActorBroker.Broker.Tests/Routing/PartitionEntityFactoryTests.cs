using ActorBroker.Actors;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Tests.Metadata;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Tests.Routing;

public sealed class PartitionEntityFactoryTests(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    private static readonly Guid TopicId = Guid.NewGuid();
    private static readonly Guid DeletingId = Guid.NewGuid();
    private readonly LocalMetadata _metadata = new();
    private readonly List<(TopicPartition Partition, Guid TopicId, TopicConfig Config)> _created = [];

    private PartitionEntityFactory Factory()
    {
        var image = Images.With(Images.Version(1, 1), "t", TopicId, "self", "other", null);
        _metadata.TryAdvance(image with
        {
            DeletingTopics = new Dictionary<string, TopicImage> { ["gone"] = Images.Topic("gone", DeletingId, "self") },
        });
        return new PartitionEntityFactory(_metadata, "self", (partition, topicId, config) =>
        {
            _created.Add((partition, topicId, config));
            return Props.Create(() => new TestPartition(partition, topicId, config, new TestPartitionLog()));
        }, NullLogger.Instance);
    }

    /// <summary>What an entity made from <paramref name="props"/> answers to a list-offsets request.</summary>
    private ListOffsetsResponse AnswerOf(Props props, string entityId)
    {
        var entity = Sys.ActorOf(props);
        TopicPartition.TryParse(entityId, out var partition);
        entity.Tell(new ListOffsetsRequest(partition, ListOffsetsRequest.Latest, 5), TestActor);
        return ExpectMsg<ListOffsetsResponse>();
    }

    [Fact]
    public void A_partition_this_node_leads_gets_the_injected_actor_with_its_topic_id_and_effective_config()
    {
        var factory = Factory();

        var answer = AnswerOf(factory.Create("t-0"), "t-0");

        Assert.Equal(ErrorCode.None, answer.Error);
        Assert.Equal((new TopicPartition("t", 0), TopicId, 5L), (_created[0].Partition, _created[0].TopicId, _created[0].Config.RetentionMs));
    }

    [Fact]
    public void A_partition_of_a_topic_being_deleted_still_starts_so_it_can_delete_its_log()
    {
        var factory = Factory();
        var entity = Sys.ActorOf(factory.Create("gone-0"));

        entity.Tell(new DeletePartition(new TopicPartition("gone", 0), DeletingId), TestActor);

        Assert.Equal(new PartitionDeleted(new TopicPartition("gone", 0), DeletingId, ErrorCode.None, null), ExpectMsg<PartitionDeleted>());
        Assert.Equal(DeletingId, Assert.Single(_created).TopicId);
    }

    [Theory]
    [InlineData("t-1", ErrorCode.NotLeaderOrFollower, "led by other")]
    [InlineData("t-2", ErrorCode.LeaderNotAvailable, "led by nobody")]
    [InlineData("t-3", ErrorCode.UnknownTopicOrPartition, "t-3 does not exist")]
    [InlineData("nope-0", ErrorCode.UnknownTopicOrPartition, "nope-0 does not exist")]
    [InlineData("garbage", ErrorCode.UnknownTopicOrPartition, "'garbage' does not name a topic partition")]
    public void A_partition_this_node_must_not_run_answers_with_a_typed_error_instead(string entityId, ErrorCode error, string reason)
    {
        var answer = AnswerOf(Factory().Create(entityId), entityId);

        Assert.Equal((error, 5L), (answer.Error, answer.CorrelationId));
        Assert.Contains(reason, answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_created);
    }

    [Fact]
    public void A_failing_partition_factory_gives_an_error_answer_rather_than_a_failed_shard()
    {
        _metadata.TryAdvance(Images.With(Images.Version(1, 1), "t", TopicId, "self"));
        var factory = new PartitionEntityFactory(_metadata, "self", (_, _, _) => throw new InvalidOperationException("disk on fire"), NullLogger.Instance);

        var answer = AnswerOf(factory.Create("t-0"), "t-0");

        Assert.Equal(ErrorCode.UnknownServerError, answer.Error);
        Assert.Contains("disk on fire", answer.ErrorMessage, StringComparison.Ordinal);
    }
}
