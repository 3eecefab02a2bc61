using ActorBroker.Protocol;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// A partition leader asks the controller to change the partition's in-sync replicas (Kafka's AlterPartition): to
/// shrink it when a follower lags more than replica.lag.time.max, or to expand it when a follower caught up. The
/// change is based on <paramref name="PartitionEpoch"/>; the controller refuses it when it is stale
/// (<see cref="ErrorCode.InvalidUpdateVersion"/>), when <paramref name="LeaderEpoch"/> is not the current one or the
/// sender is not the leader (<see cref="ErrorCode.FencedLeaderEpoch"/>), or when a new member is not an alive replica
/// (<see cref="ErrorCode.IneligibleReplica"/>). Accepted changes are persisted and published before the answer.
/// </summary>
public sealed record AlterPartition(TopicPartition Partition, Guid TopicId, string Leader, int LeaderEpoch, int PartitionEpoch, IReadOnlyList<string> NewIsr);

/// <summary>
/// The answer to <see cref="AlterPartition"/>: on success the partition's state as now persisted; on failure the
/// error and, when the partition exists, its current state, so the leader can adopt it at once.
/// </summary>
public sealed record AlterPartitionResponse(
    TopicPartition Partition, ErrorCode Error, string? ErrorMessage, string? Leader, int LeaderEpoch, int PartitionEpoch, IReadOnlyList<string> Isr);
