using ActorBroker.Protocol;

namespace ActorBroker.Broker.Partitions;

// The partition actor's own commands, beside the Protocol's produce, fetch and list-offsets requests it serves.

/// <summary>
/// The topic was deleted: the partition deletes all its journal events, answers <see cref="PartitionDeleted"/> and
/// stops. <paramref name="TopicId"/> must be the partition's own, so a late command never deletes a re-created topic's log.
/// </summary>
public sealed record DeletePartition(TopicPartition Partition, Guid TopicId);

/// <summary>The answer to <see cref="DeletePartition"/>: <see cref="ErrorCode.None"/> when the log is gone.</summary>
public sealed record PartitionDeleted(TopicPartition Partition, Guid TopicId, ErrorCode Error, string? ErrorMessage);

/// <summary>
/// Stops the partition gracefully (sharding hand-off or passivation): appends already accepted are answered first,
/// waiting fetches are answered NotLeaderOrFollower so consumers look for the new home.
/// </summary>
public sealed class StopPartition
{
    public static readonly StopPartition Instance = new();

    private StopPartition()
    {
    }
}

/// <summary>Runs retention now instead of waiting for the timer; answered with <see cref="RetentionCompleted"/>.</summary>
internal sealed class RunRetention
{
    public static readonly RunRetention Instance = new();
}

/// <summary>Retention finished: the events of <paramref name="DeletedBatches"/> batches are gone from the journal.</summary>
internal sealed record RetentionCompleted(long LogStartOffset, long LogEndOffset, int DeletedBatches, long DeletedBytes);
