namespace ActorBroker.Persistence.Snapshots;

/// <summary>Selects snapshots by inclusive sequence number and timestamp bounds (Akka semantics).</summary>
public sealed record SnapshotSelectionCriteria(
    long MaxSequenceNr,
    long MaxTimestampMs,
    long MinSequenceNr = 0,
    long MinTimestampMs = 0)
{
    /// <summary>Matches every snapshot; loading with it yields the youngest one.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, long.MaxValue);

    /// <summary>Matches no snapshot.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, 0);

    public bool IsMatch(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr <= MaxSequenceNr && metadata.SequenceNr >= MinSequenceNr
            && metadata.TimestampMs <= MaxTimestampMs && metadata.TimestampMs >= MinTimestampMs;
    }
}
