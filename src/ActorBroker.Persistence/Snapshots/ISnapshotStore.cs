namespace ActorBroker.Persistence.Snapshots;

/// <summary>Storage SPI of snapshots, Akka.Persistence semantics. Deals only in bytes. Thread-safe.</summary>
public interface ISnapshotStore : IAsyncDisposable
{
    /// <summary>Opens connections and, when auto-initialize is on, creates the schema.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>Stores a snapshot; saving the same persistence id and sequence number again replaces it.</summary>
    Task SaveAsync(SnapshotMetadata metadata, string manifest, int serializerId, ReadOnlyMemory<byte> payload, CancellationToken ct);

    /// <summary>The youngest (highest sequence number) snapshot matching <paramref name="criteria"/>, or null.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct);

    /// <summary>
    /// Deletes the snapshot with the metadata's persistence id and sequence number. When
    /// <see cref="SnapshotMetadata.TimestampMs"/> is not 0, the timestamp must match too.
    /// </summary>
    Task DeleteAsync(SnapshotMetadata metadata, CancellationToken ct);

    /// <summary>Deletes every snapshot of <paramref name="persistenceId"/> matching <paramref name="criteria"/>.</summary>
    Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct);
}
