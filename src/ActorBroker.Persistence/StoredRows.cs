using System.Data.Common;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

/// <summary>
/// Reads journal and snapshot rows back, for every SQL store. Both tables are selected as
/// (sequence_nr, timestamp, manifest, serializer_id, payload); a row that does not hold what it
/// should is reported as corrupt, naming persistence id and sequence number, instead of crashing a reader.
/// </summary>
internal static class StoredRows
{
    public static PersistentRepr ReadEvent(DbDataReader reader, string persistenceId)
    {
        var seq = reader.GetInt64(0);
        var (timestamp, manifest, serializerId, payload) =
            ReadColumns(reader, reason => new JournalCorruptionException(persistenceId, seq, reason));
        return new PersistentRepr(persistenceId, seq, timestamp, manifest, serializerId, payload);
    }

    public static SelectedSnapshot ReadSnapshot(DbDataReader reader, string persistenceId)
    {
        var seq = reader.GetInt64(0);
        var (timestamp, manifest, serializerId, payload) = ReadColumns(reader, reason =>
            new InvalidDataException($"Snapshot of persistence id '{persistenceId}' with sequence number {seq} is corrupt: {reason}"));
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, seq, timestamp), manifest, serializerId, payload);
    }

    private static (long Timestamp, string Manifest, int SerializerId, byte[] Payload) ReadColumns(
        DbDataReader reader, Func<string, Exception> corrupt)
    {
        // SQLite stores any value in any column, so the types are checked, not assumed.
        if (reader.IsDBNull(1) || !IsInteger(reader.GetFieldType(1))) throw corrupt("timestamp is missing or not an integer");
        if (reader.IsDBNull(2) || reader.GetFieldType(2) != typeof(string)) throw corrupt("manifest is missing or not text");
        if (reader.IsDBNull(3) || !IsInteger(reader.GetFieldType(3))) throw corrupt("serializer id is missing or not an integer");

        var serializerId = ReadInteger(reader, 3);
        if (serializerId is < 0 or > int.MaxValue) throw corrupt($"invalid serializer id {serializerId}");
        if (reader.IsDBNull(4)) throw corrupt("payload is NULL");
        if (reader.GetFieldType(4) != typeof(byte[])) throw corrupt($"payload is stored as {reader.GetFieldType(4).Name}, not as a blob");

        return (ReadInteger(reader, 1), reader.GetString(2), (int)serializerId, reader.GetFieldValue<byte[]>(4));
    }

    private static bool IsInteger(Type type) => type == typeof(long) || type == typeof(int);

    // PostgreSQL's integer columns come back as int, SQLite's as long.
    private static long ReadInteger(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(int) ? reader.GetInt32(ordinal) : reader.GetInt64(ordinal);
}
