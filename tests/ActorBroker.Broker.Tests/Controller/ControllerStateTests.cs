using Akka.Actor;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Tests.Controller;

public sealed class ControllerStateTests() : Akka.TestKit.Xunit2.TestKit(TestConfigs.Broker(), "controller-state")
{
    private static readonly Address NodeA = new("akka.tcp", "broker", "127.0.0.1", 2552);
    private static readonly Address NodeB = new("akka.tcp", "broker", "127.0.0.1", 2553);
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
        Assert.Equal([new Protocol.Messages.BrokerNode("127.0.0.1:2552", "akka.tcp://broker@127.0.0.1:2552/user/broker")], image.Nodes);
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
    public void Events_and_images_survive_the_binary_serializer_they_are_journaled_and_sent_with()
    {
        var restored = History.Select(e =>
        {
            Assert.IsType<Broker.Serialization.BrokerAkkaSerializer>(Sys.Serialization.FindSerializerFor(e));
            return RoundTrip(e);
        }).ToList();
        var up = new Dictionary<string, Address> { ["127.0.0.1:2552"] = NodeA, ["127.0.0.1:2553"] = NodeB };
        var original = Replay(History).ToImage(7, up, TopicConfig.Default);

        var image = Replay(restored).ToImage(7, up, TopicConfig.Default);
        var sent = RoundTrip(new UpdateMetadata(image)).Image;

        Assert.Equal(Describe(original), Describe(sent));
        Assert.Equal(original.Topics["orders"].Config, sent.Topics["orders"].Config);
    }

    [Fact]
    public void A_state_adopted_from_an_image_replaces_the_recovered_topics_keeps_assignments_and_epochs_and_survives_the_journal_serializer()
    {
        var up = new Dictionary<string, Address> { ["127.0.0.1:2552"] = NodeA, ["127.0.0.1:2553"] = NodeB };
        var published = Replay([.. History, new TopicDeletionStarted("old", Replay(History).Topics["old"].TopicId)]).ToImage(9, up, TopicConfig.Default);
        var (topics, deleting) = ControllerState.FromImage(published);
        IControllerEvent adopted = new ControllerStateAdopted(published.ControllerEpoch, published.Version, "127.0.0.1:2553", topics, deleting);
        adopted = RoundTrip(adopted);

        // A node that never ran the controller recovered only an older topic of its own.
        var state = Replay([new ControllerStarted(1), new TopicCreated("stale", Guid.NewGuid(), new Dictionary<string, string>(), [PartitionAssignment.Initial(["127.0.0.1:2552"])]), adopted]);

        Assert.Equal(2, state.Epoch);
        Assert.Equal(["orders"], state.Topics.Keys);
        Assert.Equal(["old"], state.Deleting.Keys);
        Assert.Equal(Describe(published), Describe(state.ToImage(9, up, TopicConfig.Default)));
    }

    private static readonly Guid LogsId = Guid.NewGuid();

    /// <summary>logs-0 on a, b, c: a dies (b elected), c leaves the ISR, logs-1 goes offline; then logs-0 moves to b, c, d.</summary>
    private static readonly IControllerEvent[] Replication =
    [
        new ControllerStarted(1),
        new TopicCreated("logs", LogsId, new Dictionary<string, string>(), [PartitionAssignment.Initial(["a", "b", "c"]), PartitionAssignment.Initial(["a"])]),
        new LeaderAndIsrChanged(
        [
            new PartitionChange("logs", LogsId, 0, new PartitionAssignment(["a", "b", "c"], "b", 1, ["b", "c"], 1)),
            new PartitionChange("logs", LogsId, 1, new PartitionAssignment(["a"], null, 1, ["a"], 1)),
            new PartitionChange("logs", Guid.NewGuid(), 0, new PartitionAssignment(["x"], "x", 9, ["x"], 9)), // an older topic of the name
            new PartitionChange("logs", LogsId, 7, new PartitionAssignment(["x"], "x", 9, ["x"], 9)), // no such partition
        ], "a not Up"),
        new LeaderAndIsrChanged([new PartitionChange("logs", LogsId, 0, new PartitionAssignment(["a", "b", "c"], "b", 1, ["b"], 2))], "leader b asked"),
        new PartitionReassignmentStarted("logs", LogsId, 0, ["b", "c", "d"], new PartitionAssignment(["b", "c", "d", "a"], "b", 1, ["b"], 3)),
    ];

    [Fact]
    public void Leader_and_isr_changes_replace_the_partitions_of_that_topic_id_and_a_reassignment_tracks_its_adding_replicas()
    {
        var state = Replay(Replication);

        Assert.Equal(["b,c,d,a|b|1|b|3", "a|-|1|a|1"], state.Topics["logs"].Partitions.Select(Assignments.Show));
        var reassignment = state.Reassignments[new TopicPartition("logs", 0)];
        Assert.Equal(["b", "c", "d"], reassignment.Target);
        Assert.Equal(["d"], reassignment.Adding);

        state.Apply(new PartitionReassignmentCompleted("logs", LogsId, 0, new PartitionAssignment(["b", "c", "d"], "b", 1, ["b", "c", "d"], 5)));
        Assert.Empty(state.Reassignments);
        Assert.Equal("b,c,d|b|1|b,c,d|5", Assignments.Show(state.Topics["logs"].Partitions[0]));
    }

    [Fact]
    public void Deleting_a_topic_drops_its_reassignments_and_its_partitions_still_take_leader_changes()
    {
        var state = Replay([.. Replication, new TopicDeletionStarted("logs", LogsId)]);
        state.Apply(new LeaderAndIsrChanged([new PartitionChange("logs", LogsId, 1, new PartitionAssignment(["a"], "a", 2, ["a"], 2))], "a Up"));

        Assert.Empty(state.Reassignments);
        Assert.Equal("a|a|2|a|2", Assignments.Show(state.Deleting["logs"].Partitions[1]));
    }

    [Fact]
    public void The_image_leader_is_the_assigned_one_while_its_node_is_up()
    {
        var state = Replay(Replication);
        var nodeB = new Address("akka.tcp", "broker", "b", 1);

        var image = state.ToImage(3, new Dictionary<string, Address> { ["b"] = nodeB }, TopicConfig.Default);
        var safetyNet = state.ToImage(4, new Dictionary<string, Address>(), TopicConfig.Default);

        Assert.Equal(("b", 1, 3), (image.Topics["logs"].Partitions[0].Leader, image.Topics["logs"].Partitions[0].LeaderEpoch, image.Topics["logs"].Partitions[0].PartitionEpoch));
        Assert.Equal(["b", "c", "d", "a"], image.Topics["logs"].Partitions[0].Replicas);
        Assert.Null(safetyNet.Topics["logs"].Partitions[0].Leader);
    }

    [Fact]
    public void Replication_events_survive_the_binary_serializer_they_are_journaled_with()
    {
        IControllerEvent[] events = [.. Replication, new PartitionReassignmentCompleted("logs", LogsId, 0, new PartitionAssignment(["b", "c", "d"], "c", 2, ["c", "d"], 6))];

        var restored = events.Select(RoundTrip).ToList();

        Assert.Equal(events.Select(e => e.GetType()), restored.Select(e => e.GetType()));
        var (original, replayed) = (Replay(events), Replay(restored));
        Assert.Equal(original.Topics["logs"].Partitions.Select(Assignments.Show), replayed.Topics["logs"].Partitions.Select(Assignments.Show));
        Assert.Equal("b,c,d|c|2|c,d|6", Assignments.Show(replayed.Topics["logs"].Partitions[0]));
        var changed = (LeaderAndIsrChanged)restored[2];
        Assert.Equal(("a not Up", 4), (changed.Reason, changed.Partitions.Count));
        var started = (PartitionReassignmentStarted)restored[4];
        Assert.Equal(["b", "c", "d"], started.Target);
        Assert.Equal(["d"], Replay(restored.Take(5)).Reassignments[new TopicPartition("logs", 0)].Adding);
    }

    /// <summary>Through the serializer Akka picks for <paramref name="message"/>, with its manifest, as a journal or a remote link does.</summary>
    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = (Akka.Serialization.SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(message);
        return (T)Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, serializer.Manifest(message));
    }

    private static string Describe(MetadataImage image) =>
        $"{image.Version}/{image.ControllerEpoch}/{string.Join(",", image.Nodes)}/" + string.Join(";", image.Topics.Values.OrderBy(t => t.Name).Select(t =>
            $"{t.Name}:{t.TopicId}:{string.Join(",", t.Configs.Select(c => $"{c.Key}={c.Value}"))}:" +
            string.Join("|", t.Partitions.Select(p => $"{p.Partition}/{p.Leader}/{p.LeaderEpoch}/{string.Join(",", p.Replicas)}/{string.Join(",", p.Isr)}"))));
}
