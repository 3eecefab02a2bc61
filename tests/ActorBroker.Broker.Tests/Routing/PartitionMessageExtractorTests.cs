using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Routing;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Tests.Routing;

public sealed class PartitionMessageExtractorTests
{
    private readonly PartitionMessageExtractor _extractor = new();

    [Fact]
    public void Partition_messages_map_to_one_shard_per_partition_named_topic_dash_partition()
    {
        var partition = new TopicPartition("my-topic", 12);
        var fetch = new FetchRequest(partition, 0, 1, 1, 1, -1, null, 1);

        Assert.Equal("my-topic-12", _extractor.EntityId(fetch));
        Assert.Equal("my-topic-12", _extractor.EntityId(new ListOffsetsRequest(partition, -1, 1)));
        Assert.Equal("my-topic-12", _extractor.EntityId(new DeletePartition(partition, Guid.NewGuid())));
        Assert.Equal("my-topic-12", _extractor.ShardId("my-topic-12"));
        Assert.Same(fetch, _extractor.EntityMessage(fetch));
        Assert.Same(_extractor.EntityId(fetch), _extractor.EntityId(fetch)); // remembered, not rebuilt per message
    }

    [Fact]
    public void Other_messages_have_no_entity()
    {
        Assert.Null(_extractor.EntityId(new MetadataRequest(null, 1)));
        Assert.Null(_extractor.EntityId("hello"));
    }
}
