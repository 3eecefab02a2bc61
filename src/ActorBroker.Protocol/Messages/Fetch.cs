using ActorBroker.Protocol.Records;

namespace ActorBroker.Protocol.Messages;

/// <summary>
/// Reads batches from <paramref name="FetchOffset"/> on. The partition answers when it has at least
/// <paramref name="MinBytes"/> or after <paramref name="MaxWaitMs"/> (long poll), with whole batches up to about
/// <paramref name="MaxBytes"/> (always at least one batch when one is available, as in Kafka).
/// </summary>
/// <param name="CurrentLeaderEpoch">The leader epoch the sender knows, or -1; a stale one is fenced.</param>
/// <param name="ReplicaId">Null for consumers; the fetching follower's node id for replica fetches.</param>
public sealed record FetchRequest(
    TopicPartition Partition, long FetchOffset, int MaxBytes, int MinBytes, int MaxWaitMs, int CurrentLeaderEpoch, string? ReplicaId, long CorrelationId);

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
