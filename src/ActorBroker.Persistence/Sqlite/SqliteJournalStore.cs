using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Journal;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorBroker.Persistence.Sqlite;

/// <summary>
/// Journal in the node's SQLite database (WAL mode). All writes go through one writer connection
/// with prepared commands reused across rows and batches; reads use pooled connections of their own. A background
/// <see cref="SqliteWalCheckpointer"/> keeps checkpoints out of the commits.
/// </summary>
public sealed class SqliteJournalStore : IJournalStore
{
    private readonly SqliteStoreOptions _options;
    private readonly SqliteConnections _connections;
    private readonly string _table;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ILogger _log;
    private SqliteWalCheckpointer? _checkpointer;

    private SqliteConnection? _writer;
    private SqliteCommand? _insert;
    private SqliteCommand? _savepoint;
    private SqliteCommand? _release;
    private SqliteCommand? _rollbackToSavepoint;
    private SqliteParameter? _pid;
    private SqliteParameter? _seq;
    private SqliteParameter? _timestamp;
    private SqliteParameter? _manifest;
    private SqliteParameter? _serializerId;
    private SqliteParameter? _payload;
    private bool _disposed;

    public SqliteJournalStore(SqliteStoreOptions options, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log ?? NullLogger.Instance;
        _table = SqlIdentifier.Quote(options.JournalTable, nameof(options.JournalTable));
        _connections = new SqliteConnections(options);
    }

    public async Task InitializeAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            var writer = await _connections.OpenWriterAsync(ct).ConfigureAwait(false);
            try
            {
                if (_options.AutoInitialize)
                {
                    await using var ddl = writer.CreateCommand();
                    ddl.CommandText = $"""
                        CREATE TABLE IF NOT EXISTS {_table} (
                            persistence_id TEXT NOT NULL,
                            sequence_nr INTEGER NOT NULL,
                            timestamp INTEGER NOT NULL,
                            manifest TEXT NOT NULL,
                            serializer_id INTEGER NOT NULL,
                            payload BLOB NOT NULL,
                            deleted INTEGER NOT NULL DEFAULT 0,
                            PRIMARY KEY (persistence_id, sequence_nr)
                        );
                        """;
                    await ddl.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                PrepareWriteCommands(writer);
                if (_options.CheckpointInterval > TimeSpan.Zero)
                    _checkpointer = SqliteWalCheckpointer.Start(_connections, _options.CheckpointInterval, _log);
                _writer = writer;
            }
            catch
            {
                DisposeWriteCommands();
                await writer.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var results = new Exception?[writes.Count];
        if (writes.Count == 0)
        {
            return results;
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = EnsureOpen();
            using var transaction = writer.BeginTransaction(deferred: false);
            _insert!.Transaction = transaction;
            _savepoint!.Transaction = transaction;
            _release!.Transaction = transaction;
            _rollbackToSavepoint!.Transaction = transaction;

            for (var i = 0; i < writes.Count; i++)
            {
                results[i] = WriteOne(writes[i]);
            }

            transaction.Commit();
            return results;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes one atomic write inside the open transaction; returns its failure or null.
    /// A multi-event write runs inside its own savepoint. A single-event write needs none: a failing
    /// INSERT is rolled back on its own by SQLite's statement atomicity while the transaction stays
    /// open, which is exactly what the savepoint would do, minus two statements per event on the hot path.
    /// </summary>
    private Exception? WriteOne(AtomicWrite write)
    {
        var events = write.Events;
        var useSavepoint = events.Count > 1;
        if (useSavepoint)
        {
            _savepoint!.ExecuteNonQuery();
        }

        var current = events[0];
        try
        {
            for (var j = 0; j < events.Count; j++)
            {
                current = events[j];
                _pid!.Value = current.PersistenceId;
                _seq!.Value = current.SequenceNr;
                _timestamp!.Value = current.TimestampMs;
                _manifest!.Value = current.Manifest;
                _serializerId!.Value = current.SerializerId;
                _payload!.Value = PayloadBytes.AsArray(current.Payload);
                _insert!.ExecuteNonQuery();
            }
        }
        catch (SqliteException ex) when (SqliteConnections.IsConstraintViolation(ex))
        {
            if (useSavepoint)
            {
                _rollbackToSavepoint!.ExecuteNonQuery();
            }

            return SqliteConnections.IsDuplicateKey(ex)
                ? new DuplicateSequenceNumberException(current.PersistenceId, current.SequenceNr, ex)
                : ex;
        }

        if (useSavepoint)
        {
            _release!.ExecuteNonQuery();
        }

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

        await using var connection = await _connections.OpenReaderAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT sequence_nr, timestamp, manifest, serializer_id, payload
            FROM {_table}
            WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to AND deleted = 0
            ORDER BY sequence_nr
            LIMIT $max
            """;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
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
        await using var connection = await _connections.OpenReaderAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT MAX(sequence_nr) FROM {_table} WHERE persistence_id = $pid";
        command.Parameters.AddWithValue("$pid", persistenceId);
        var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return result is long highest ? highest : 0;
    }

    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(persistenceId);
        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var writer = EnsureOpen();
            using var transaction = writer.BeginTransaction(deferred: false);
            using var command = writer.CreateCommand();
            command.Transaction = transaction;
            // The highest row survives, marked deleted, so the highest sequence number is never lost.
            command.CommandText = $"""
                DELETE FROM {_table}
                WHERE persistence_id = $pid AND sequence_nr <= $to
                  AND sequence_nr < (SELECT MAX(sequence_nr) FROM {_table} WHERE persistence_id = $pid);
                UPDATE {_table} SET deleted = 1
                WHERE persistence_id = $pid AND sequence_nr <= $to
                  AND sequence_nr = (SELECT MAX(sequence_nr) FROM {_table} WHERE persistence_id = $pid);
                """;
            command.Parameters.AddWithValue("$pid", persistenceId);
            command.Parameters.AddWithValue("$to", toSequenceNr);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _checkpointer?.Dispose();
            DisposeWriteCommands();
            if (_writer is not null)
            {
                SqliteConnection.ClearPool(_writer);
                await _writer.DisposeAsync().ConfigureAwait(false);
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The background checkpointer, while the store is open and checkpoint-interval is not zero.</summary>
    internal SqliteWalCheckpointer? Checkpointer => _checkpointer;

    private SqliteConnection EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _writer ?? throw new InvalidOperationException("Call InitializeAsync before using the journal store.");
    }

    private void PrepareWriteCommands(SqliteConnection writer)
    {
        _insert = writer.CreateCommand();
        _insert.CommandText = $"""
            INSERT INTO {_table} (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload, deleted)
            VALUES ($pid, $seq, $ts, $manifest, $serializer, $payload, 0)
            """;
        _pid = _insert.Parameters.Add("$pid", SqliteType.Text);
        _seq = _insert.Parameters.Add("$seq", SqliteType.Integer);
        _timestamp = _insert.Parameters.Add("$ts", SqliteType.Integer);
        _manifest = _insert.Parameters.Add("$manifest", SqliteType.Text);
        _serializerId = _insert.Parameters.Add("$serializer", SqliteType.Integer);
        _payload = _insert.Parameters.Add("$payload", SqliteType.Blob);

        _savepoint = writer.CreateCommand();
        _savepoint.CommandText = "SAVEPOINT atomic_write";
        _release = writer.CreateCommand();
        _release.CommandText = "RELEASE atomic_write";
        _rollbackToSavepoint = writer.CreateCommand();
        _rollbackToSavepoint.CommandText = "ROLLBACK TO atomic_write; RELEASE atomic_write";

        // Compile the statements once; later executions only rebind parameters.
        _insert.Prepare();
        _savepoint.Prepare();
        _release.Prepare();
        _rollbackToSavepoint.Prepare();
    }

    private void DisposeWriteCommands()
    {
        _insert?.Dispose();
        _savepoint?.Dispose();
        _release?.Dispose();
        _rollbackToSavepoint?.Dispose();
        _insert = _savepoint = _release = _rollbackToSavepoint = null;
    }
}
