using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Journal;
using Npgsql;
using NpgsqlTypes;

namespace ActorBroker.Persistence.PostgreSql;

/// <summary>
/// Journal in PostgreSQL. A <see cref="WriteAsync"/> call is one transaction whose rows go to the
/// server as a single multi-row INSERT (one round trip). Only when that fails on a data or key error
/// is the transaction redone with one savepoint per atomic write, to find and reject just the
/// offending writes; keeping savepoints off the hot path also avoids subtransaction overhead.
/// </summary>
public sealed class PostgreSqlJournalStore : IJournalStore
{
    private readonly PostgreSqlStoreOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;
    private readonly string _table;
    private readonly string _insertMany;
    private readonly string _insertOne;
    private volatile bool _disposed;

    public PostgreSqlJournalStore(PostgreSqlStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _schema = SqlIdentifier.Quote(options.Schema, nameof(options.Schema));
        _table = _schema + "." + SqlIdentifier.Quote(options.JournalTable, nameof(options.JournalTable));
        _dataSource = PostgreSqlSchema.CreateDataSource(options);
        _insertMany = $"""
            INSERT INTO {_table} (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload, deleted)
            SELECT p, s, t, m, z, b, false FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::integer[], $6::bytea[]) AS u(p, s, t, m, z, b)
            """;
        _insertOne = $"""
            INSERT INTO {_table} (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload, deleted)
            VALUES ($1, $2, $3, $4, $5, $6, false)
            """;
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
                deleted boolean NOT NULL DEFAULT false,
                PRIMARY KEY (persistence_id, sequence_nr)
            );
            """, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new Exception?[writes.Count];
        if (writes.Count == 0)
        {
            return results;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            try
            {
                await using var insert = BuildMultiRowInsert(connection, transaction, writes);
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return results;
            }
            catch (PostgresException ex) when (PostgreSqlSchema.IsWriteLevel(ex))
            {
                await transaction.RollbackAsync(ct).ConfigureAwait(false);
            }
        }

        await using (var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            for (var i = 0; i < writes.Count; i++)
            {
                results[i] = await WriteInSavepointAsync(connection, transaction, writes[i], ct).ConfigureAwait(false);
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        return results;
    }

    private NpgsqlCommand BuildMultiRowInsert(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<AtomicWrite> writes)
    {
        var count = 0;
        foreach (var write in writes)
        {
            count += write.Events.Count;
        }

        var pids = new string[count];
        var seqs = new long[count];
        var timestamps = new long[count];
        var manifests = new string[count];
        var serializers = new int[count];
        var payloads = new byte[count][];
        var row = 0;
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                pids[row] = e.PersistenceId;
                seqs[row] = e.SequenceNr;
                timestamps[row] = e.TimestampMs;
                manifests[row] = e.Manifest;
                serializers[row] = e.SerializerId;
                payloads[row] = PayloadBytes.AsArray(e.Payload);
                row++;
            }
        }

        var command = new NpgsqlCommand(_insertMany, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = pids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = timestamps, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = manifests, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = serializers, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return command;
    }

    /// <summary>Slow path: one atomic write inside its own savepoint; returns its failure or null.</summary>
    private async Task<Exception?> WriteInSavepointAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, AtomicWrite write, CancellationToken ct)
    {
        await transaction.SaveAsync("atomic_write", ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var e in write.Events)
        {
            var insert = new NpgsqlBatchCommand(_insertOne);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.PersistenceId });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.SequenceNr });
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.TimestampMs });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Manifest });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.SerializerId });
            insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = e.Payload, NpgsqlDbType = NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(insert);
        }

        try
        {
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (PostgreSqlSchema.IsWriteLevel(ex))
        {
            await transaction.RollbackAsync("atomic_write", ct).ConfigureAwait(false);
            await transaction.ReleaseAsync("atomic_write", ct).ConfigureAwait(false);
            if (ex.SqlState != PostgreSqlSchema.UniqueViolation)
            {
                return ex;
            }

            var failed = ex.BatchCommand is { } command ? batch.BatchCommands.IndexOf(command) : -1;
            var e = write.Events[failed >= 0 ? failed : 0];
            return new DuplicateSequenceNumberException(e.PersistenceId, e.SequenceNr, ex);
        }

        await transaction.ReleaseAsync("atomic_write", ct).ConfigureAwait(false);
        return null;
    }

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            yield break;
        }

        await using var command = _dataSource.CreateCommand($"""
            SELECT sequence_nr, timestamp, manifest, serializer_id, payload
            FROM {_table}
            WHERE persistence_id = $1 AND sequence_nr >= $2 AND sequence_nr <= $3 AND NOT deleted
            ORDER BY sequence_nr
            LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fromSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = max });
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            yield return StoredRows.ReadEvent(reader, persistenceId);
        }
    }

    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand($"SELECT MAX(sequence_nr) FROM {_table} WHERE persistence_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return result is long highest ? highest : 0;
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection, transaction);
        // The highest row survives, marked deleted, so the highest sequence number is never lost.
        foreach (var sql in new[]
        {
            $"""
            DELETE FROM {_table}
            WHERE persistence_id = $1 AND sequence_nr <= $2
              AND sequence_nr < (SELECT MAX(sequence_nr) FROM {_table} WHERE persistence_id = $1)
            """,
            $"""
            UPDATE {_table} SET deleted = true
            WHERE persistence_id = $1 AND sequence_nr <= $2
              AND sequence_nr = (SELECT MAX(sequence_nr) FROM {_table} WHERE persistence_id = $1)
            """,
        })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = toSequenceNr });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
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
}
