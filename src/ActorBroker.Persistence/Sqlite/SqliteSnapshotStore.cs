using ActorBroker.Persistence.Snapshots;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Persistence.Sqlite;

/// <summary>
/// Snapshot store in the node's SQLite database; may share the file with <see cref="SqliteJournalStore"/>.
/// Snapshots are rare and large, so every operation simply uses a pooled connection of its own;
/// lock contention with the journal writer is handled by the busy timeout.
/// </summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    private readonly SqliteStoreOptions _options;
    private readonly SqliteConnections _connections;
    private readonly string _table;
    private volatile bool _initialized;
    private volatile bool _disposed;

    public SqliteSnapshotStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _table = SqlIdentifier.Quote(options.SnapshotTable, nameof(options.SnapshotTable));
        _connections = new SqliteConnections(options);
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _connections.OpenWriterAsync(ct).ConfigureAwait(false);
        if (_options.AutoInitialize)
        {
            await using var ddl = connection.CreateCommand();
            ddl.CommandText = $"""
                CREATE TABLE IF NOT EXISTS {_table} (
                    persistence_id TEXT NOT NULL,
                    sequence_nr INTEGER NOT NULL,
                    timestamp INTEGER NOT NULL,
                    manifest TEXT NOT NULL,
                    serializer_id INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (persistence_id, sequence_nr)
                );
                """;
            await ddl.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        _initialized = true;
    }

    public async Task SaveAsync(SnapshotMetadata metadata, string manifest, int serializerId, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(manifest);
        EnsureUsable();
        await using var connection = await _connections.OpenWriterAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO {_table} (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload)
            VALUES ($pid, $seq, $ts, $manifest, $serializer, $payload)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
                timestamp = excluded.timestamp, manifest = excluded.manifest,
                serializer_id = excluded.serializer_id, payload = excluded.payload
            """;
        command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.Parameters.AddWithValue("$ts", metadata.TimestampMs);
        command.Parameters.AddWithValue("$manifest", manifest);
        command.Parameters.AddWithValue("$serializer", serializerId);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = PayloadBytes.AsArray(payload);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        EnsureUsable();
        await using var connection = await _connections.OpenReaderAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT sequence_nr, timestamp, manifest, serializer_id, payload
            FROM {_table}
            WHERE persistence_id = $pid
              AND sequence_nr <= $maxSeq AND sequence_nr >= $minSeq
              AND timestamp <= $maxTs AND timestamp >= $minTs
            ORDER BY sequence_nr DESC
            LIMIT 1
            """;
        AddCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return StoredRows.ReadSnapshot(reader, persistenceId);
    }

    public async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        EnsureUsable();
        await using var connection = await _connections.OpenWriterAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM {_table}
            WHERE persistence_id = $pid AND sequence_nr = $seq AND ($ts = 0 OR timestamp = $ts)
            """;
        command.Parameters.AddWithValue("$pid", metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", metadata.SequenceNr);
        command.Parameters.AddWithValue("$ts", metadata.TimestampMs);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        EnsureUsable();
        await using var connection = await _connections.OpenWriterAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            DELETE FROM {_table}
            WHERE persistence_id = $pid
              AND sequence_nr <= $maxSeq AND sequence_nr >= $minSeq
              AND timestamp <= $maxTs AND timestamp >= $minTs
            """;
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private static void AddCriteria(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$maxSeq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$minSeq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$maxTs", criteria.MaxTimestampMs);
        command.Parameters.AddWithValue("$minTs", criteria.MinTimestampMs);
    }

    private void EnsureUsable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_initialized)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the snapshot store.");
        }
    }
}
