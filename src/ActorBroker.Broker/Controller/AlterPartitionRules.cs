using ActorBroker.Protocol;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// The checks of a leader's <see cref="AlterPartition"/>, in Kafka's order: the partition, the sender's leadership
/// and leader epoch, the partition epoch the change is based on, then the new ISR itself.
/// </summary>
internal static class AlterPartitionRules
{
    public static Rejection? Check(AlterPartition request, ControllerState state, Func<string, bool> isUp)
    {
        if (!state.TryGetPartition(request.Partition, out var topic, out var a) || topic.TopicId != request.TopicId)
            return new Rejection(ErrorCode.UnknownTopicOrPartition, $"partition {request.Partition} of topic id {request.TopicId} does not exist");
        if (request.Leader != a.Leader || request.LeaderEpoch != a.LeaderEpoch)
            return new Rejection(ErrorCode.FencedLeaderEpoch,
                $"{request.Leader} in leader epoch {request.LeaderEpoch} is not the leader: {a.Leader ?? "nobody"} leads in epoch {a.LeaderEpoch}");
        if (request.PartitionEpoch != a.PartitionEpoch)
            return new Rejection(ErrorCode.InvalidUpdateVersion, $"the change is based on partition epoch {request.PartitionEpoch}, but the partition is at {a.PartitionEpoch}");
        if (request.NewIsr is not { Count: > 0 } isr)
            return new Rejection(ErrorCode.InvalidRequest, "the new ISR is empty");
        if (isr.Distinct(StringComparer.Ordinal).Count() != isr.Count)
            return new Rejection(ErrorCode.InvalidRequest, $"the new ISR [{string.Join(", ", isr)}] lists a replica twice");
        if (!isr.Contains(a.Leader))
            return new Rejection(ErrorCode.IneligibleReplica, $"the new ISR [{string.Join(", ", isr)}] leaves out the leader {a.Leader}");
        if (isr.FirstOrDefault(r => !a.Replicas.Contains(r)) is { } stranger)
            return new Rejection(ErrorCode.IneligibleReplica, $"{stranger} is not a replica of {request.Partition} (replicas {string.Join(", ", a.Replicas)})");
        if (isr.FirstOrDefault(r => !a.Isr.Contains(r) && !isUp(r)) is { } down)
            return new Rejection(ErrorCode.IneligibleReplica, $"{down} cannot join the ISR: its node is not Up");
        return null;
    }

    /// <summary>The partition with the new ISR (partition epoch +1), or null when it has these members already: nothing to persist (as Kafka).</summary>
    public static PartitionAssignment? Apply(PartitionAssignment a, IReadOnlyList<string> newIsr) =>
        a.Isr.Count == newIsr.Count && a.Isr.All(newIsr.Contains) ? null : a with { Isr = [.. newIsr], PartitionEpoch = a.PartitionEpoch + 1 };
}
