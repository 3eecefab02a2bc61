namespace ActorBroker.Persistence.Snapshots;

/// <summary>A loaded snapshot, still serialized.</summary>
public sealed record SelectedSnapshot(
    SnapshotMetadata Metadata,
    string Manifest,
    int SerializerId,
    ReadOnlyMemory<byte> Payload);
