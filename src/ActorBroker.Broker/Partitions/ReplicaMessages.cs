using Akka.Actor;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// What a partition replica needs from its node: the node's broker id (the replica's name in the ISR) and where to
/// send ISR changes (the controller, through its singleton proxy). Without it a partition actor runs alone: it leads
/// with epoch 0 and is its only in-sync replica, which is how single-node tests use it.
/// </summary>
public sealed record ReplicaContext(string NodeId, IActorRef Controller);

/// <summary>
/// The controller's decision for a partition as this node's metadata has it, pushed by the node's replica manager
/// whenever it changes: the leader (null while offline), the leader epoch, the replicas, the in-sync replicas and the
/// partition epoch. <paramref name="LeaderReplica"/> is the leader's replica actor, where a follower fetches.
/// Older decisions (lower leader epoch, or the same one with a lower partition epoch) are ignored.
/// </summary>
internal sealed record ReplicaState(
    string? Leader, int LeaderEpoch, IReadOnlyList<string> Replicas, IReadOnlyList<string> Isr, int PartitionEpoch, IActorRef? LeaderReplica);

/// <summary>A replica asks its node's replica manager (its parent) for its state: at start and after a restart.</summary>
internal sealed record ReplicaStateRequest(TopicPartition Partition);

/// <summary>
/// A follower asks the leader where its <paramref name="LeaderEpoch"/> ends in the leader's log (Kafka's
/// OffsetsForLeaderEpoch, KIP-101), to cut off a suffix the leader does not have before it fetches.
/// </summary>
public sealed record LeaderEpochEndOffsetRequest(TopicPartition Partition, int CurrentLeaderEpoch, int LeaderEpoch, string ReplicaId, long CorrelationId);

/// <summary>
/// The largest epoch at or below the one asked for that the leader's log has, and the offset where it ends (the
/// start of the next epoch, or the log end for the latest); (-1, -1) when the leader has no epoch that old.
/// </summary>
public sealed record LeaderEpochEndOffsetResponse(TopicPartition Partition, ErrorCode Error, int LeaderEpoch, long EndOffset, string? ErrorMessage, long CorrelationId);
