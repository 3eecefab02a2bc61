namespace ActorBroker.Journal.Sqlite;

/// <summary>The journal table and the statements on it.</summary>
internal static class JournalSchema
{
    /// <summary>
    /// The primary key is what stops two incarnations of one actor from both writing a sequence number. A rowid table
    /// rather than WITHOUT ROWID: rows are record batches of kilobytes, far past where SQLite advises WITHOUT ROWID.
    /// </summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS journal (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            writer_uuid TEXT NOT NULL,
            event_manifest TEXT NOT NULL,
            serializer_id INTEGER NOT NULL,
            serializer_manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (persistence_id, sequence_nr)
        );
        """;

    /// <summary>Parameters in order: pid, seq, timestamp, writer, event manifest, serializer id, serializer manifest, payload.</summary>
    public const string Insert = """
        INSERT INTO journal (persistence_id, sequence_nr, timestamp, writer_uuid, event_manifest,
                             serializer_id, serializer_manifest, payload)
        VALUES ($pid, $seq, $ts, $writer, $event_manifest, $serializer_id, $serializer_manifest, $payload)
        """;

    /// <summary>
    /// Parameters: pid, to. The highest row survives a delete, marked deleted and emptied of its payload, so the
    /// highest sequence number is never lost and a new incarnation can never write it again.
    /// </summary>
    public const string DeleteTo = """
        DELETE FROM journal
        WHERE persistence_id = $pid AND sequence_nr <= $to
          AND sequence_nr < (SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $pid);
        UPDATE journal SET deleted = 1, payload = x''
        WHERE persistence_id = $pid AND sequence_nr <= $to
          AND sequence_nr = (SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $pid);
        """;

    /// <summary>Parameters: pid, from, to, max.</summary>
    public const string Replay = """
        SELECT sequence_nr, timestamp, writer_uuid, event_manifest, serializer_id, serializer_manifest, payload
        FROM journal
        WHERE persistence_id = $pid AND sequence_nr >= $from AND sequence_nr <= $to AND deleted = 0
        ORDER BY sequence_nr
        LIMIT $max
        """;

    /// <summary>Parameter: pid.</summary>
    public const string HighestSequenceNr = "SELECT MAX(sequence_nr) FROM journal WHERE persistence_id = $pid";
}
