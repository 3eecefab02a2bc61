using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Metadata;

/// <summary>Turns a metadata image into the answer to a client's <see cref="MetadataRequest"/>.</summary>
internal static class MetadataAnswers
{
    private static readonly IReadOnlyDictionary<string, string> NoConfigs = new Dictionary<string, string>();

    /// <summary>
    /// The asked topics (all when <see cref="MetadataRequest.Topics"/> is null), in the order asked. A topic that does not
    /// exist is listed with UnknownTopicOrPartition, a name that could never exist with InvalidTopic, as Kafka does.
    /// </summary>
    public static MetadataResponse For(MetadataImage image, MetadataRequest request)
    {
        List<TopicMetadata> topics;
        if (request.Topics is null)
        {
            topics = [.. image.Topics.Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(Describe)];
        }
        else
        {
            topics = new List<TopicMetadata>(request.Topics.Count);
            // The type allows null names; they are invalid, not a reason to fail the whole answer.
            foreach (var name in request.Topics.Select(n => n ?? "").Distinct(StringComparer.Ordinal))
            {
                if (image.Topics.TryGetValue(name, out var topic)) topics.Add(Describe(topic));
                else topics.Add(new TopicMetadata(name, Guid.Empty, TopicNames.Validate(name) is null ? ErrorCode.UnknownTopicOrPartition : ErrorCode.InvalidTopic, [], NoConfigs));
            }
        }

        return new MetadataResponse(image.Nodes, topics, image.Version, request.CorrelationId);
    }

    private static TopicMetadata Describe(TopicImage topic) =>
        new(topic.Name, topic.TopicId, ErrorCode.None,
            [.. topic.Partitions.Select(p => new PartitionMetadata(p.Partition, p.Error, p.Leader, p.LeaderEpoch, p.Replicas, p.Isr))],
            topic.Configs);
}
