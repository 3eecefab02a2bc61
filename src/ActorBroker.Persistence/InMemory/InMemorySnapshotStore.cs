using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence.InMemory;

/// <summary>Snapshot store kept in process memory, for tests. Thread-safe.</summary>
/// <remarks>Pass the same <see cref="InMemorySnapshotStorage"/> to a new store to "reopen" it.</remarks>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly InMemorySnapshotStorage _storage;
    private volatile bool _disposed;

    public InMemorySnapshotStore(InMemorySnapshotStorage? storage = null)
    {
        _storage = storage ?? new InMemorySnapshotStorage();
    }

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task SaveAsync(SnapshotMetadata metadata, string manifest, int serializerId, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(manifest);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var snapshot = new SelectedSnapshot(metadata, manifest, serializerId, payload.ToArray());
        lock (_storage.Gate)
        {
            _storage.Rows[(metadata.PersistenceId, metadata.SequenceNr)] = snapshot;
        }

        return Task.CompletedTask;
    }

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_storage.Gate)
        {
            var youngest = _storage.Rows.Values
                .Where(s => s.Metadata.PersistenceId == persistenceId && criteria.IsMatch(s.Metadata))
                .MaxBy(s => s.Metadata.SequenceNr);
            return Task.FromResult(youngest);
        }
    }

    public Task DeleteAsync(SnapshotMetadata metadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_storage.Gate)
        {
            var key = (metadata.PersistenceId, metadata.SequenceNr);
            if (_storage.Rows.TryGetValue(key, out var existing)
                && (metadata.TimestampMs == 0 || existing.Metadata.TimestampMs == metadata.TimestampMs))
            {
                _storage.Rows.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_storage.Gate)
        {
            var doomed = _storage.Rows
                .Where(kv => kv.Key.PersistenceId == persistenceId && criteria.IsMatch(kv.Value.Metadata))
                .Select(kv => kv.Key)
                .ToList();
            foreach (var key in doomed)
            {
                _storage.Rows.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>The snapshots of one or more <see cref="InMemorySnapshotStore"/> instances.</summary>
public sealed class InMemorySnapshotStorage
{
    internal object Gate { get; } = new();

    internal Dictionary<(string PersistenceId, long SequenceNr), SelectedSnapshot> Rows { get; } = [];
}
