using ActorBroker.Actors;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Tests.Controller;

public sealed class ControllerStateTests : TestKit.TestKit
{
    private static readonly Address NodeA = new("abroker.tcp", "broker", "127.0.0.1", 2552);
    private static readonly Address NodeB = new("abroker.tcp", "broker", "127.0.0.1", 2553);
    private static readonly Guid OrdersId = Guid.NewGuid();

    private static readonly IControllerEvent[] History =
    [
        new ControllerStarted(1),
        new TopicCreated("orders", OrdersId, new Dictionary<string, string> { ["retention.ms"] = "1000" },
            [PartitionAssignment.Initial(["127.0.0.1:2552", "127.0.0.1:2553"]), PartitionAssignment.Initial(["127.0.0.1:2553", "127.0.0.1:2552"])]),
        new PartitionsCreated("orders", OrdersId, [PartitionAssignment.Initial(["127.0.0.1:2552", "127.0.0.1:2553"])]),
        new TopicCreated("old", Guid.NewGuid(), new Dictionary<string, string>(), [PartitionAssignment.Initial(["127.0.0.1:2553"])]),
        new ControllerStarted(2),
    ];

    private static ControllerState Replay(IEnumerable<IControllerEvent> events)
    {
        var state = new ControllerState();
        foreach (var e in events) state.Apply(e);
        return state;
    }

    [Fact]
    public void The_image_has_the_effective_config_and_no_leader_for_partitions_whose_node_is_not_up()
    {
        var state = Replay(History);

        var image = state.ToImage(42, new Dictionary<string, Address> { ["127.0.0.1:2552"] = NodeA }, TopicConfig.Default with { MaxMessageBytes = 777 });

        Assert.Equal(2, image.ControllerEpoch);
        Assert.Equal([new Protocol.Messages.BrokerNode("127.0.0.1:2552", "abroker.tcp://broker@127.0.0.1:2552/user/broker")], image.Nodes);
        var orders = image.Topics["orders"];
        Assert.Equal(OrdersId, orders.TopicId);
        Assert.Equal((1000L, 777), (orders.Config.RetentionMs, orders.Config.MaxMessageBytes));
        Assert.Equal(["127.0.0.1:2552", null, "127.0.0.1:2552"], orders.Partitions.Select(p => p.Leader));
        Assert.Equal(ErrorCode.LeaderNotAvailable, orders.Partitions[1].Error);
        Assert.Equal(["127.0.0.1:2553", "127.0.0.1:2552"], orders.Partitions[1].Isr); // all replicas of a new partition
        Assert.Equal(4, state.PartitionCount); // orders 3, old 1
    }

    [Fact]
    public void A_deleting_topic_leaves_the_topics_but_stays_in_the_image_until_it_is_deleted()
    {
        var old = (TopicCreated)History[3];
        var deleting = Replay([.. History, new TopicDeletionStarted("old", old.TopicId)]);
        var image = deleting.ToImage(1, new Dictionary<string, Address> { ["127.0.0.1:2553"] = NodeB }, TopicConfig.Default);

        Assert.False(image.Topics.ContainsKey("old"));
        Assert.Equal(old.TopicId, image.DeletingTopics["old"].TopicId);
        Assert.False(image.TryGetPartition(new TopicPartition("old", 0), out _, out _));
        Assert.True(image.TryGetPartitionIncludingDeleting(new TopicPartition("old", 0), out _, out _));

        var deleted = Replay([.. History, new TopicDeletionStarted("old", old.TopicId), new TopicDeleted("old", Guid.NewGuid()), new TopicDeleted("old", old.TopicId)]);
        Assert.Empty(deleted.Deleting);
        Assert.Equal(3, deleted.PartitionCount);
    }

    [Fact]
    public void Events_and_images_survive_the_json_serializer_they_are_journaled_and_sent_with()
    {
        BrokerSerialization.Register(Sys);
        var restored = History.Select(e =>
        {
            var payload = Sys.Serialization.Serialize(e);
            Assert.Equal(Actors.Serialization.JsonMessageSerializer.Id, payload.SerializerId);
            return (IControllerEvent)Sys.Serialization.Deserialize(payload.Payload, payload.SerializerId, payload.Manifest);
        }).ToList();
        var up = new Dictionary<string, Address> { ["127.0.0.1:2552"] = NodeA, ["127.0.0.1:2553"] = NodeB };
        var original = Replay(History).ToImage(7, up, TopicConfig.Default);

        var image = Replay(restored).ToImage(7, up, TopicConfig.Default);
        var update = Sys.Serialization.Serialize(new UpdateMetadata(image));
        var sent = ((UpdateMetadata)Sys.Serialization.Deserialize(update.Payload, update.SerializerId, update.Manifest)).Image;

        Assert.Equal(Describe(original), Describe(sent));
        Assert.Equal(original.Topics["orders"].Config, sent.Topics["orders"].Config);
    }

    private static string Describe(MetadataImage image) =>
        $"{image.Version}/{image.ControllerEpoch}/{string.Join(",", image.Nodes)}/" + string.Join(";", image.Topics.Values.OrderBy(t => t.Name).Select(t =>
            $"{t.Name}:{t.TopicId}:{string.Join(",", t.Configs.Select(c => $"{c.Key}={c.Value}"))}:" +
            string.Join("|", t.Partitions.Select(p => $"{p.Partition}/{p.Leader}/{p.LeaderEpoch}/{string.Join(",", p.Replicas)}/{string.Join(",", p.Isr)}"))));
}
