using ActorBroker.Persistence.Snapshots;
using Npgsql;
using NpgsqlTypes;

namespace ActorBroker.Persistence.PostgreSql;

/// <summary>Snapshot store in PostgreSQL.</summary>
public sealed class PostgreSqlSnapshotStore : ISnapshotStore
{
    private readonly PostgreSqlStoreOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _table;
    private volatile bool _disposed;

    public PostgreSqlSnapshotStore(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _schema = SqlIdentifier.Quote(options.Schema, nameof(options.Schema));
        _table = _schema + "." + SqlIdentifier.Quote(options.SnapshotTable, nameof(options.SnapshotTable));
        _dataSource = PostgreSqlSchema.CreateDataSource(options);
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_options.AutoInitialize)
        {
            return;
        }

        await PostgreSqlSchema.CreateAsync(_dataSource, _schema, $"""
            CREATE TABLE IF NOT EXISTS {_table} (
                persistence_id text NOT NULL,
                sequence_nr bigint NOT NULL,
                timestamp bigint NOT NULL,
                manifest text NOT NULL,
                serializer_id integer NOT NULL,
                payload bytea NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            """, ct).ConfigureAwait(false);
    }

    public async Task SaveAsync(SnapshotMetadata metadata, string manifest, int serializerId, ReadOnlyMemory<byte> payload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(manifest);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand($"""
            INSERT INTO {_table} (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
                timestamp = excluded.timestamp, manifest = excluded.manifest,
                serializer_id = excluded.serializer_id, payload = excluded.payload
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.TimestampMs });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = manifest });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = serializerId });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = payload, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand($"""
            SELECT sequence_nr, timestamp, manifest, serializer_id, payload
            FROM {_table}
            WHERE persistence_id = $1 AND sequence_nr <= $2 AND sequence_nr >= $3 AND timestamp <= $4 AND timestamp >= $5
            ORDER BY sequence_nr DESC
            LIMIT 1
            """);
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
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand(
            $"DELETE FROM {_table} WHERE persistence_id = $1 AND sequence_nr = $2 AND ($3 = 0 OR timestamp = $3)");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = metadata.PersistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.SequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = metadata.TimestampMs });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ArgumentNullException.ThrowIfNull(criteria);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand($"""
            DELETE FROM {_table}
            WHERE persistence_id = $1 AND sequence_nr <= $2 AND sequence_nr >= $3 AND timestamp <= $4 AND timestamp >= $5
            """);
        AddCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static void AddCriteria(NpgsqlCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MaxTimestampMs });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = criteria.MinTimestampMs });
    }
}
