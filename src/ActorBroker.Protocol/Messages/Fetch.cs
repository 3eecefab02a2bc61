using ActorBroker.Protocol.Records;

namespace ActorBroker.Protocol.Messages;

/// <summary>
/// Reads batches from <paramref name="FetchOffset"/> on. The partition answers when it has at least
/// <paramref name="MinBytes"/> or after <paramref name="MaxWaitMs"/> (long poll), with whole batches up to about
/// <paramref name="MaxBytes"/> (always at least one batch when one is available, as in Kafka).
/// </summary>
/// <param name="CurrentLeaderEpoch">The leader epoch the sender knows, or -1; a stale one is fenced.</param>
/// <param name="ReplicaId">
/// Null for consumers; the fetching follower's node id for replica fetches; <see cref="DebugReplicaId"/> for a read of
/// whichever replica receives it.
/// </param>
public sealed record FetchRequest(
    TopicPartition Partition, long FetchOffset, int MaxBytes, int MinBytes, int MaxWaitMs, int CurrentLeaderEpoch, string? ReplicaId, long CorrelationId)
{
    /// <summary>
    /// Marks a debugging read (Kafka's replica id -2, what its replica verification tool sends to every broker): sent
    /// to a node's front, it is served by that node's own replica, leader or follower, up to that replica's high
    /// watermark, so replicas can be compared. Node ids are <c>host:port</c>, so this never names a follower.
    /// </summary>
    public const string DebugReplicaId = "debug";

    /// <summary>A follower replicating the leader's log (not a consumer, not a debugging read).</summary>
    public bool IsFromFollower => ReplicaId is not null && ReplicaId != DebugReplicaId;

    /// <summary>A read of whichever replica receives it (<see cref="DebugReplicaId"/>).</summary>
    public bool IsDebugRead => ReplicaId == DebugReplicaId;
}

/// <summary>
/// Batches of a partition, in offset order. The first batch may start before the fetch offset (batches are
/// returned whole); consumers skip the records below it.
/// </summary>
public sealed record FetchResponse(
    TopicPartition Partition, ErrorCode Error, long HighWatermark, long LogStartOffset, IReadOnlyList<RecordBatch> Batches, string? ErrorMessage, long CorrelationId)
{
    public static FetchResponse Failed(TopicPartition partition, ErrorCode error, string message, long correlationId) =>
        new(partition, error, -1, -1, [], message, correlationId);
}
