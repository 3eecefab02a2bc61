using System.Text.Json;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

[Collection(BrokerNodesCollection.Name)]
public sealed class TopicAdminTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    [Fact]
    public async Task Created_topics_are_listed_and_described_the_same_on_every_node_with_replicas_spread_and_leaders_balanced()
    {
        var nodes = await StartBrokersAsync(3);

        AssertOk(await CreateTopicAsync(nodes[1], "orders", 6, 3, new Dictionary<string, string> { ["retention.ms"] = "60000" }));
        AssertOk(await CreateTopicAsync(nodes[2], "events", -1, -1));
        await AwaitConvergedAsync(nodes, i => i.Topics.Count == 2, "every node has both topics");

        var answers = new List<MetadataResponse>();
        foreach (var node in nodes) answers.Add(await MetadataAsync(node, null));
        var ids = nodes.Select(NodeIdOf).ToHashSet();
        var metadata = answers[0];
        Assert.Equal(nodes.Select(n => (NodeIdOf(n), $"{Nodes.AddressOf(n)}/user/broker")).Order(), metadata.Nodes.Select(n => (n.Id, n.BrokerPath)).Order());
        Assert.Equal(["events", "orders"], metadata.Topics.Select(t => t.Name));
        var events = metadata.Topics[0];
        Assert.Single(Assert.Single(events.Partitions).Replicas); // Kafka's defaults: 1 partition, 1 replica
        var orders = metadata.Topics[1];
        Assert.Equal((ErrorCode.None, "60000"), (orders.Error, orders.Configs["retention.ms"]));
        Assert.NotEqual(Guid.Empty, orders.TopicId);
        Assert.NotEqual(orders.TopicId, events.TopicId);
        Assert.Equal(Enumerable.Range(0, 6), orders.Partitions.Select(p => p.Partition));
        Assert.All(orders.Partitions, p =>
        {
            Assert.Equal(ErrorCode.None, p.Error);
            Assert.Equal(3, p.Replicas.Distinct().Count(ids.Contains));
            Assert.Equal((p.Replicas[0], 0), (p.Leader, p.LeaderEpoch));
            Assert.Equal(p.Replicas, p.Isr); // a new partition's replicas are all in sync: their logs are empty
        });
        Assert.All(orders.Partitions.GroupBy(p => p.Leader), g => Assert.Equal(2, g.Count()));
        // Every cache holds the same image: the answers differ in nothing but the correlation id.
        Assert.All(answers, a => Assert.Equal(JsonSerializer.Serialize(metadata with { CorrelationId = 0 }), JsonSerializer.Serialize(a with { CorrelationId = 0 })));

        var described = await MetadataAsync(nodes[0], "orders", "missing", "not a name");
        Assert.Equal(["orders", "missing", "not a name"], described.Topics.Select(t => t.Name));
        Assert.Equal([ErrorCode.None, ErrorCode.UnknownTopicOrPartition, ErrorCode.InvalidTopic], described.Topics.Select(t => t.Error));
    }

    [Fact]
    public async Task Added_partitions_follow_the_existing_ones_and_keep_the_leaders_balanced()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "grow", 2, 2));
        var before = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("grow"), "every node has the topic")).Topics["grow"];

        AssertOk(await CreatePartitionsAsync(nodes[2], "grow", 6));

        var after = (await AwaitConvergedAsync(nodes, i => i.Topics.TryGetValue("grow", out var t) && t.Partitions.Count == 6, "every node sees 6 partitions")).Topics["grow"];
        Assert.Equal(before.TopicId, after.TopicId);
        Assert.Equal(before.Partitions.Select(p => string.Join(",", p.Replicas)), after.Partitions.Take(2).Select(p => string.Join(",", p.Replicas)));
        Assert.All(after.Partitions, p => Assert.Equal(2, p.Replicas.Distinct().Count()));
        Assert.All(after.Partitions.GroupBy(p => p.Leader), g => Assert.Equal(2, g.Count()));
        var produced = await ProduceUntilAnsweredAsync(nodes[1], new TopicPartition("grow", 5));
        Assert.Equal(ErrorCode.None, produced.Error);
    }

    [Fact]
    public async Task Deleting_a_topic_deletes_each_partition_log_on_its_leader_and_the_topic_created_again_gets_a_new_id()
    {
        var nodes = await StartBrokersAsync(3);
        AssertOk(await CreateTopicAsync(nodes[0], "doomed", 3));
        var old = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("doomed"), "every node has the topic")).Topics["doomed"];
        var zero = new TopicPartition("doomed", 0);
        Assert.Equal(ErrorCode.None, (await ProduceUntilAnsweredAsync(nodes[2], zero)).Error);
        Assert.Equal(1, (await ProduceUntilAnsweredAsync(nodes[2], zero)).BaseOffset);

        AssertOk(await DeleteTopicAsync(nodes[1], "doomed"));

        // Answered only once every partition deleted its log, on its leader, including the two that never had a request.
        var leaderPorts = old.Partitions.Select(p => int.Parse(p.Leader!.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        for (var i = 0; i < 3; i++) Assert.Contains($"delete@{leaderPorts[i]}:doomed-{i}:{old.TopicId}", Partitions.Entries);
        await AwaitConvergedAsync(nodes, i => i.Topics.Count == 0 && i.DeletingTopics.Count == 0, "every node forgot the topic");
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, (await MetadataAsync(nodes[2], "doomed")).Topics[0].Error);
        Assert.Equal(ErrorCode.UnknownTopicOrPartition, (await DeleteTopicAsync(nodes[0], "doomed")).Error);

        AssertOk(await CreateTopicAsync(nodes[2], "doomed", 1));

        var recreated = (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey("doomed"), "every node has the new topic")).Topics["doomed"];
        Assert.NotEqual(old.TopicId, recreated.TopicId);
        var first = await ProduceUntilAnsweredAsync(nodes[0], zero);
        Assert.Equal((ErrorCode.None, 0L), (first.Error, first.BaseOffset)); // a fresh log, not the old one's offsets
        Assert.Contains(Partitions.Entries, e => e.StartsWith("start@", StringComparison.Ordinal) && e.Contains($"doomed-0:{recreated.TopicId}", StringComparison.Ordinal));
    }
}
