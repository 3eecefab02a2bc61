using ActorBroker.Journal.GroupCommit;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Journal.Sqlite;

/// <summary>
/// The journal's only writing connection. Commits a batch of queued work in one transaction with statements
/// compiled once; each append is all-or-nothing inside it, so one actor's duplicate does not fail its neighbours.
/// Used by one thread at a time (the group commit loop).
/// </summary>
internal sealed class JournalWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _savepoint;
    private readonly SqliteCommand _release;
    private readonly SqliteCommand _rollbackToSavepoint;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand[] _all;

    private JournalWriter(SqliteConnection connection)
    {
        _connection = connection;
        _insert = Command(
            JournalSchema.Insert,
            ("$pid", SqliteType.Text), ("$seq", SqliteType.Integer), ("$ts", SqliteType.Integer), ("$writer", SqliteType.Text),
            ("$event_manifest", SqliteType.Text), ("$serializer_id", SqliteType.Integer),
            ("$serializer_manifest", SqliteType.Text), ("$payload", SqliteType.Blob));
        _savepoint = Command("SAVEPOINT append");
        _release = Command("RELEASE append");
        _rollbackToSavepoint = Command("ROLLBACK TO append; RELEASE append");
        _delete = Command(JournalSchema.DeleteTo, ("$pid", SqliteType.Text), ("$to", SqliteType.Integer));
        _all = [_insert, _savepoint, _release, _rollbackToSavepoint, _delete];
        foreach (var command in _all)
        {
            command.Prepare();
        }
    }

    /// <summary>Opens the writer connection, creating the table when missing.</summary>
    public static JournalWriter Open(SqliteDatabase database, int walAutoCheckpointPages)
    {
        var connection = database.OpenWriter(walAutoCheckpointPages);
        try
        {
            using (var ddl = connection.CreateCommand())
            {
                ddl.CommandText = JournalSchema.Create;
                ddl.ExecuteNonQuery();
            }

            return new JournalWriter(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Applies <paramref name="batch"/> in one transaction; a throw means the whole transaction failed.</summary>
    /// <returns>Each item's own failure (a duplicate key), or null where it was stored.</returns>
    public Exception?[] Commit(IReadOnlyList<JournalWork> batch)
    {
        var results = new Exception?[batch.Count];
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var command in _all)
        {
            command.Transaction = transaction;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = batch[i] switch
            {
                AppendEvents append => Append(append),
                DeleteEventsTo delete => Delete(delete),
                _ => throw new InvalidOperationException($"Unknown journal work {batch[i].GetType()}"),
            };
        }

        transaction.Commit();
        return results;
    }

    /// <summary>
    /// A multi-event append runs inside a savepoint. A single-event append needs none: a failing INSERT is rolled back
    /// by SQLite's statement atomicity while the transaction stays open, which is what the savepoint would do, minus
    /// two statements per event on the hot path.
    /// </summary>
    private DuplicateEventException? Append(AppendEvents append)
    {
        var events = append.Events;
        var useSavepoint = events.Count > 1;
        if (useSavepoint)
        {
            _savepoint.ExecuteNonQuery();
        }

        var current = events[0];
        try
        {
            foreach (var e in events)
            {
                current = e;
                var p = _insert.Parameters;
                p[0].Value = e.PersistenceId;
                p[1].Value = e.SequenceNr;
                p[2].Value = e.Timestamp;
                p[3].Value = e.WriterGuid;
                p[4].Value = e.EventManifest;
                p[5].Value = e.SerializerId;
                p[6].Value = e.SerializerManifest;
                p[7].Value = e.Payload;
                _insert.ExecuteNonQuery();
            }
        }
        catch (SqliteException ex) when (SqliteDatabase.IsDuplicateKey(ex))
        {
            if (useSavepoint)
            {
                _rollbackToSavepoint.ExecuteNonQuery();
            }

            return new DuplicateEventException(current.PersistenceId, current.SequenceNr, ex);
        }

        if (useSavepoint)
        {
            _release.ExecuteNonQuery();
        }

        return null;
    }

    private Exception? Delete(DeleteEventsTo delete)
    {
        _delete.Parameters[0].Value = delete.PersistenceId;
        _delete.Parameters[1].Value = delete.ToSequenceNr;
        _delete.ExecuteNonQuery();
        return null;
    }

    private SqliteCommand Command(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _all)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
