using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// The checks of topic administration requests, in Kafka's order: name, existence, partitions, replication factor,
/// configs. Pure functions of the request and the controller's state, so each rule is tested on its own.
/// </summary>
internal static class TopicRequestRules
{
    /// <summary>Kafka's "use the broker's default" value for partitions and replication factor (KIP-464).</summary>
    public const int UseDefault = -1;

    public static Rejection? CheckCreate(
        CreateTopicRequest request, ControllerState state, int liveBrokers, BrokerSettings settings, out int partitions, out short replicationFactor)
    {
        partitions = request.Partitions == UseDefault ? settings.DefaultPartitions : request.Partitions;
        replicationFactor = request.ReplicationFactor == UseDefault ? settings.DefaultReplicationFactor : request.ReplicationFactor;
        if (TopicNames.Validate(request.Name) is { } invalid) return new Rejection(ErrorCode.InvalidTopic, invalid);
        if (state.Topics.TryGetValue(request.Name, out var existing))
            return new Rejection(ErrorCode.TopicAlreadyExists, $"topic '{request.Name}' already exists (topic id {existing.TopicId}, {existing.Partitions.Count} partitions)");
        if (state.Deleting.ContainsKey(request.Name))
            return new Rejection(ErrorCode.TopicAlreadyExists,
                $"topic '{request.Name}' is being deleted; create it again once its partitions have deleted their logs");
        if (partitions < 1)
            return new Rejection(ErrorCode.InvalidPartitions,
                $"number of partitions must be at least 1 (or -1 for the default, {settings.DefaultPartitions}), but is {request.Partitions}");
        if (TooMany(state, partitions, settings) is { } tooMany) return tooMany;
        if (replicationFactor < 1)
            return new Rejection(ErrorCode.InvalidReplicationFactor,
                $"replication factor must be at least 1 (or -1 for the default, {settings.DefaultReplicationFactor}), but is {request.ReplicationFactor}");
        if (replicationFactor > liveBrokers) return ReplicationFactorTooLarge(replicationFactor, liveBrokers);
        if (!settings.TopicDefaults.TryApply(request.Configs ?? new Dictionary<string, string>(), out _, out var configError))
            return new Rejection(ErrorCode.InvalidConfig, configError!);
        return null;
    }

    public static Rejection? CheckCreatePartitions(CreatePartitionsRequest request, ControllerState state, int liveBrokers, BrokerSettings settings)
    {
        if (Missing(request.Name, state) is { } missing) return missing;
        var topic = state.Topics[request.Name];
        var current = topic.Partitions.Count;
        if (request.TotalCount == current)
            return new Rejection(ErrorCode.InvalidPartitions, $"topic '{request.Name}' already has {current} partitions; ask for a larger total to add some");
        if (request.TotalCount < current)
            return new Rejection(ErrorCode.InvalidPartitions,
                $"topic '{request.Name}' has {current} partitions, more than the requested {request.TotalCount}; partitions are never removed");
        if (TooMany(state, request.TotalCount - current, settings) is { } tooMany) return tooMany;
        var replicationFactor = state.ReplicationFactorOf(topic);
        return replicationFactor > liveBrokers ? ReplicationFactorTooLarge(replicationFactor, liveBrokers) : null;
    }

    public static Rejection? CheckDelete(DeleteTopicRequest request, ControllerState state) =>
        state.Deleting.ContainsKey(request.Name ?? "") ? null : Missing(request.Name, state);

    private static Rejection? Missing(string? name, ControllerState state)
    {
        if (name is not null && state.Topics.ContainsKey(name)) return null;
        if (name is not null && state.Deleting.ContainsKey(name))
            return new Rejection(ErrorCode.UnknownTopicOrPartition, $"topic '{name}' is being deleted");
        return new Rejection(ErrorCode.UnknownTopicOrPartition, $"topic '{name}' does not exist");
    }

    private static Rejection? TooMany(ControllerState state, int added, BrokerSettings settings)
    {
        var total = (long)state.PartitionCount + added;
        return total <= settings.MaxPartitions
            ? null
            : new Rejection(ErrorCode.InvalidPartitions,
                $"{added} more partitions would make {total} in the cluster, above {BrokerSettings.Section}.controller.max-partitions ({settings.MaxPartitions})");
    }

    private static Rejection ReplicationFactorTooLarge(int replicationFactor, int liveBrokers) =>
        new(ErrorCode.InvalidReplicationFactor, $"replication factor {replicationFactor} is larger than the {liveBrokers} live broker nodes");
}
