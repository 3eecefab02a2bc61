namespace ActorBroker.Persistence.Snapshots;

/// <summary>Identifies one snapshot: the actor, the sequence number it covers, and when it was taken.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, long TimestampMs);
