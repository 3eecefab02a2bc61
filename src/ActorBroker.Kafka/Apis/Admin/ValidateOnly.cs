using ActorBroker.Broker;
using ActorBroker.Broker.Metadata;
using ActorBroker.Protocol;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// The checks of a validate_only CreateTopics or CreatePartitions, made by the Kafka door against this node's metadata
/// image and the broker's settings: the controller has no "check, do not create" request. They are the controller's
/// rules (TopicRequestRules) in its order; the controller's own view may be a moment newer than this node's image, so a
/// request that validates can still be refused when sent for real (as in Kafka, where validation is not a reservation).
/// </summary>
internal static class ValidateOnly
{
    private const int UseDefault = -1;

    public static (ErrorCode Error, string? Message) CreateTopic(
        MetadataImage image, BrokerSettings settings, string name, int partitions, short replicationFactor, IReadOnlyDictionary<string, string> configs)
    {
        var count = partitions == UseDefault ? settings.DefaultPartitions : partitions;
        var factor = replicationFactor == UseDefault ? settings.DefaultReplicationFactor : replicationFactor;
        if (TopicNames.Validate(name) is { } invalid) return (ErrorCode.InvalidTopic, invalid);
        if (image.Topics.ContainsKey(name) || image.DeletingTopics.ContainsKey(name))
            return (ErrorCode.TopicAlreadyExists, $"topic '{name}' already exists");
        if (count < 1)
            return (ErrorCode.InvalidPartitions, $"number of partitions must be at least 1 (or -1 for the default, {settings.DefaultPartitions}), but is {partitions}");
        if (TooMany(image, count, settings) is { } tooMany) return (ErrorCode.InvalidPartitions, tooMany);
        if (factor < 1)
            return (ErrorCode.InvalidReplicationFactor,
                $"replication factor must be at least 1 (or -1 for the default, {settings.DefaultReplicationFactor}), but is {replicationFactor}");
        if (factor > image.Nodes.Count)
            return (ErrorCode.InvalidReplicationFactor, $"replication factor {factor} is larger than the {image.Nodes.Count} live broker nodes");
        return settings.TopicDefaults.TryApply(configs, out _, out var configError) ? (ErrorCode.None, null) : (ErrorCode.InvalidConfig, configError);
    }

    public static (ErrorCode Error, string? Message) CreatePartitions(MetadataImage image, BrokerSettings settings, string name, int totalCount)
    {
        if (!image.Topics.TryGetValue(name, out var topic)) return (ErrorCode.UnknownTopicOrPartition, $"topic '{name}' does not exist");
        var current = topic.Partitions.Count;
        if (totalCount <= current)
            return (ErrorCode.InvalidPartitions,
                $"topic '{name}' has {current} partitions; ask for a larger total than that to add some (partitions are never removed)");
        if (TooMany(image, totalCount - current, settings) is { } tooMany) return (ErrorCode.InvalidPartitions, tooMany);
        var factor = topic.Partitions[0].Replicas.Count;
        return factor > image.Nodes.Count
            ? (ErrorCode.InvalidReplicationFactor, $"replication factor {factor} is larger than the {image.Nodes.Count} live broker nodes")
            : (ErrorCode.None, null);
    }

    private static string? TooMany(MetadataImage image, int added, BrokerSettings settings)
    {
        long total = added;
        foreach (var topic in image.Topics.Values) total += topic.Partitions.Count;
        foreach (var topic in image.DeletingTopics.Values) total += topic.Partitions.Count;
        return total <= settings.MaxPartitions
            ? null
            : $"{added} more partitions would make {total} in the cluster, above {BrokerSettings.Section}.controller.max-partitions ({settings.MaxPartitions})";
    }
}
