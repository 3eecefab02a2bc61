using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Partition reassignment (Kafka's KIP-455, one partition at a time): the checks of a request and its two steps,
/// as pure functions. Step 1 adds the target replicas as followers; step 2, once each of them is in the ISR, drops
/// the others, moving leadership to a target replica first if the leader is not one.
/// </summary>
internal static class ReassignmentRules
{
    public static Rejection? Check(AlterPartitionReassignmentsRequest request, ControllerState state, Func<string, bool> isUp)
    {
        var id = new TopicPartition(request.Topic, request.Partition);
        if (!state.TryGetPartition(id, out _, out var a))
            return new Rejection(ErrorCode.UnknownTopicOrPartition, $"partition {id} does not exist");
        if (state.Reassignments.TryGetValue(id, out var running))
            return new Rejection(ErrorCode.ReassignmentInProgress,
                $"partition {id} is being moved to [{string.Join(", ", running.Target)}]; waiting for [{string.Join(", ", running.Adding.Where(r => !a.Isr.Contains(r)))}] to join the ISR");
        if (request.Replicas is not { Count: > 0 } target)
            return new Rejection(ErrorCode.InvalidReplicaAssignment, "the target replica list is empty");
        if (target.Distinct(StringComparer.Ordinal).Count() != target.Count)
            return new Rejection(ErrorCode.InvalidReplicaAssignment, $"the target replicas [{string.Join(", ", target)}] list a node twice");
        if (target.Count != a.Replicas.Count)
            return new Rejection(ErrorCode.InvalidReplicaAssignment,
                $"partition {id} has {a.Replicas.Count} replicas but the target lists {target.Count}; a reassignment keeps the replication factor");
        if (target.FirstOrDefault(r => !isUp(r)) is { } down)
            return new Rejection(ErrorCode.InvalidReplicaAssignment, $"target replica {down} is not a broker node that is Up");
        return null;
    }

    /// <summary>Step 1: the target replicas, then the current ones not in the target; leader and ISR stay (partition epoch +1).</summary>
    public static PartitionAssignment Start(PartitionAssignment a, IReadOnlyList<string> target) =>
        a with { Replicas = [.. target, .. a.Replicas.Where(r => !target.Contains(r))], PartitionEpoch = a.PartitionEpoch + 1 };

    /// <summary>
    /// Step 2, or null while it must wait (an adding replica is not in the ISR yet, or no target replica can lead):
    /// the replicas are the target, the ISR keeps its target members, and a leader outside the target hands over to
    /// the first target replica in the ISR that is Up (leader epoch +1).
    /// </summary>
    public static PartitionAssignment? Complete(PartitionAssignment a, PartitionReassignment reassignment, Func<string, bool> isUp)
    {
        if (a.Leader is null || reassignment.Adding.Any(r => !a.Isr.Contains(r))) return null;
        var target = reassignment.Target;
        IReadOnlyList<string> isr = [.. a.Isr.Where(target.Contains)];
        if (target.Contains(a.Leader)) return a with { Replicas = target, Isr = isr, PartitionEpoch = a.PartitionEpoch + 1 };
        return target.FirstOrDefault(r => isr.Contains(r) && isUp(r)) is { } leader
            ? new PartitionAssignment(target, leader, a.LeaderEpoch + 1, isr, a.PartitionEpoch + 1)
            : null;
    }
}
