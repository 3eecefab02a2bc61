using Akka.Persistence;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Journal.Sqlite;

/// <summary>
/// The snapshot table: one row per (persistence id, sequence nr), the snapshot as Akka-serialized bytes. Timestamps are
/// UTC ticks, so selection criteria compare as integers. Blocking: callers run it on the thread pool.
/// </summary>
internal sealed class SnapshotTable(SqliteDatabase database)
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            serializer_id INTEGER NOT NULL,
            serializer_manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );
        """;

    private const string Matches = """
        persistence_id = $pid AND sequence_nr <= $max_seq AND sequence_nr >= $min_seq
        AND timestamp <= $max_ts AND timestamp >= $min_ts
        """;

    /// <summary>A snapshot row as stored: its metadata and its payload's serializer id, manifest and bytes.</summary>
    public sealed record Row(SnapshotMetadata Metadata, int SerializerId, string SerializerManifest, byte[] Payload);

    public void CreateIfMissing()
    {
        using var connection = database.OpenWriter();
        Execute(connection, Create);
    }

    /// <summary>Saving the same sequence number again replaces the earlier snapshot.</summary>
    public void Save(Row row)
    {
        using var connection = database.OpenWriter();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO snapshot (persistence_id, sequence_nr, timestamp, serializer_id, serializer_manifest, payload)
            VALUES ($pid, $seq, $ts, $serializer_id, $serializer_manifest, $payload)
            """;
        command.Parameters.AddWithValue("$pid", row.Metadata.PersistenceId);
        command.Parameters.AddWithValue("$seq", row.Metadata.SequenceNr);
        command.Parameters.AddWithValue("$ts", row.Metadata.Timestamp.Ticks);
        command.Parameters.AddWithValue("$serializer_id", row.SerializerId);
        command.Parameters.AddWithValue("$serializer_manifest", row.SerializerManifest);
        command.Parameters.AddWithValue("$payload", row.Payload);
        command.ExecuteNonQuery();
    }

    /// <summary>The youngest snapshot matching <paramref name="criteria"/>, or null.</summary>
    public Row? LoadYoungest(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT sequence_nr, timestamp, serializer_id, serializer_manifest, payload FROM snapshot
            WHERE {Matches} ORDER BY sequence_nr DESC LIMIT 1
            """;
        Bind(command, persistenceId, criteria);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var metadata = new SnapshotMetadata(
            persistenceId, reader.GetInt64(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
        return new Row(metadata, reader.GetInt32(2), reader.GetString(3), (byte[])reader.GetValue(4));
    }

    /// <summary>Deletes one snapshot; a metadata timestamp other than MinValue must not be older than the stored one.</summary>
    public void Delete(SnapshotMetadata metadata)
    {
        var newest = metadata.Timestamp == DateTime.MinValue ? DateTime.MaxValue : metadata.Timestamp;
        Delete(metadata.PersistenceId, new SnapshotSelectionCriteria(metadata.SequenceNr, newest, metadata.SequenceNr));
    }

    public void Delete(string persistenceId, SnapshotSelectionCriteria criteria)
    {
        using var connection = database.OpenWriter();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM snapshot WHERE {Matches}";
        Bind(command, persistenceId, criteria);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$max_seq", criteria.MaxSequenceNr);
        command.Parameters.AddWithValue("$min_seq", criteria.MinSequenceNr);
        command.Parameters.AddWithValue("$max_ts", criteria.MaxTimeStamp.Ticks);
        command.Parameters.AddWithValue("$min_ts", (criteria.MinTimestamp ?? DateTime.MinValue).Ticks);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
