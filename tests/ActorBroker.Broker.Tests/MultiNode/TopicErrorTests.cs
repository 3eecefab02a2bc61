using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>Every way a topic request can be wrong gets Kafka's error code, the request's correlation id and a message saying what to change.</summary>
[Collection(BrokerNodesCollection.Name)]
public sealed class TopicErrorTests(ITestOutputHelper output) : BrokerClusterTestBase(output)
{
    private async Task<TopicAdminResponse> RefusedAsync(ActorSystem node, object request, ErrorCode expected, string message)
    {
        var correlationId = request switch
        {
            CreateTopicRequest r => r.CorrelationId,
            CreatePartitionsRequest r => r.CorrelationId,
            DeleteTopicRequest r => r.CorrelationId,
            _ => throw new ArgumentException("not a topic request", nameof(request)),
        };
        var response = await AskFrontAsync<TopicAdminResponse>(node, request);
        Assert.True(response.Error == expected, $"expected {expected} for {request} but got {response.Error}: {response.ErrorMessage}");
        Assert.Equal(correlationId, response.CorrelationId);
        Assert.Contains(message, response.ErrorMessage, StringComparison.Ordinal);
        return response;
    }

    private CreateTopicRequest Create(string name, int partitions, short replicationFactor, params (string Key, string Value)[] configs) =>
        new(name, partitions, replicationFactor, configs.ToDictionary(c => c.Key, c => c.Value), NextCorrelationId());

    [Fact]
    public async Task Bad_create_topic_requests_get_kafkas_error_codes_and_create_nothing()
    {
        var nodes = await StartBrokersAsync(1);
        var node = nodes[0];
        AssertOk(await CreateTopicAsync(node, "taken", 1));

        await RefusedAsync(node, Create("", 1, 1), ErrorCode.InvalidTopic, "topic name is empty");
        await RefusedAsync(node, Create("..", 1, 1), ErrorCode.InvalidTopic, "cannot be '..'");
        await RefusedAsync(node, Create("with space", 1, 1), ErrorCode.InvalidTopic, "contains ' '");
        await RefusedAsync(node, Create(new string('x', 250), 1, 1), ErrorCode.InvalidTopic, "the limit is 249");
        await RefusedAsync(node, Create("taken", 1, 1), ErrorCode.TopicAlreadyExists, "topic 'taken' already exists");
        await RefusedAsync(node, Create("t", 0, 1), ErrorCode.InvalidPartitions, "number of partitions must be at least 1");
        await RefusedAsync(node, Create("t", -2, 1), ErrorCode.InvalidPartitions, "but is -2");
        await RefusedAsync(node, Create("t", int.MaxValue, 1), ErrorCode.InvalidPartitions, "above actorbroker.broker.controller.max-partitions (10000)");
        await RefusedAsync(node, Create("t", 1, 0), ErrorCode.InvalidReplicationFactor, "replication factor must be at least 1");
        await RefusedAsync(node, Create("t", 1, 3), ErrorCode.InvalidReplicationFactor, "replication factor 3 is larger than the 1 live broker nodes");
        await RefusedAsync(node, Create("t", 1, 1, ("retention.ms", "soon")), ErrorCode.InvalidConfig, "invalid value 'soon' for retention.ms");
        await RefusedAsync(node, Create("t", 1, 1, ("segment.bytes", "1")), ErrorCode.InvalidConfig, "unknown topic config 'segment.bytes'");

        var metadata = await MetadataAsync(node, null);
        Assert.Equal(["taken"], metadata.Topics.Select(t => t.Name));
    }

    [Fact]
    public async Task Bad_partition_growth_and_deletion_requests_get_kafkas_error_codes()
    {
        var nodes = await StartBrokersAsync(1);
        var node = nodes[0];
        AssertOk(await CreateTopicAsync(node, "three", 3));

        await RefusedAsync(node, new CreatePartitionsRequest("missing", 4, NextCorrelationId()), ErrorCode.UnknownTopicOrPartition, "topic 'missing' does not exist");
        await RefusedAsync(node, new CreatePartitionsRequest("three", 3, NextCorrelationId()), ErrorCode.InvalidPartitions, "already has 3 partitions");
        await RefusedAsync(node, new CreatePartitionsRequest("three", 2, NextCorrelationId()), ErrorCode.InvalidPartitions, "partitions are never removed");
        await RefusedAsync(node, new CreatePartitionsRequest("three", 20_000, NextCorrelationId()), ErrorCode.InvalidPartitions, "max-partitions");
        await RefusedAsync(node, new DeleteTopicRequest("missing", NextCorrelationId()), ErrorCode.UnknownTopicOrPartition, "topic 'missing' does not exist");

        var metadata = await MetadataAsync(node, "three");
        Assert.Equal(3, metadata.Topics[0].Partitions.Count);
    }
}
