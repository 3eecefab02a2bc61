using ActorBroker.Journal.Rows;

namespace ActorBroker.Journal.Sqlite;

/// <summary>
/// Reads the journal on pooled connections of its own; in WAL mode readers see the last commit and never wait for the
/// writer. Blocking: callers run it on the thread pool.
/// </summary>
internal sealed class JournalReader(SqliteDatabase database)
{
    public long ReadHighestSequenceNr(string persistenceId)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = JournalSchema.HighestSequenceNr;
        command.Parameters.AddWithValue("$pid", persistenceId);
        return command.ExecuteScalar() is long highest ? highest : 0;
    }

    public void Replay(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<StoredEvent> onEvent)
    {
        if (max <= 0 || toSequenceNr < fromSequenceNr)
        {
            return;
        }

        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = JournalSchema.Replay;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$from", fromSequenceNr);
        command.Parameters.AddWithValue("$to", toSequenceNr);
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            onEvent(new StoredEvent(
                persistenceId,
                SequenceNr: reader.GetInt64(0),
                Timestamp: reader.GetInt64(1),
                WriterGuid: reader.GetString(2),
                EventManifest: reader.GetString(3),
                SerializerId: reader.GetInt32(4),
                SerializerManifest: reader.GetString(5),
                Payload: (byte[])reader.GetValue(6)));
        }
    }
}
