using System.Buffers;
using System.Buffers.Binary;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Binary encoding (id 11) of the partition log's journal events. A <see cref="RecordBatch"/> is stored as its own
/// bytes, exactly as stamped on append (never re-encoded); a log start or truncation marker is its offset. A later
/// version may append fields to a marker; readers ignore what follows the fields they know.
/// </summary>
public sealed class PartitionEventSerializer : Serializer
{
    public const int Id = 11;

    internal const string BatchManifest = "B";
    internal const string LogStartManifest = "S";
    internal const string TruncationManifest = "T";

    // Kafka's v2 layout: the int32 at byte 8 counts the bytes after the base offset and itself.
    private const int BatchLengthField = 8;
    private const int BatchLengthCovers = 12;

    public override int Identifier => Id;

    /// <summary>Adds the serializer to <paramref name="system"/> and binds the journal events to it; calling it again does nothing.</summary>
    public static void Register(ActorSystem system) => system.GetOrAddExtension(static s =>
    {
        s.Serialization.AddSerializer(new PartitionEventSerializer());
        s.Serialization.Bind(typeof(RecordBatch), Id);
        s.Serialization.Bind(typeof(LogStartOffsetAdvanced), Id);
        s.Serialization.Bind(typeof(LogTruncated), Id);
        return new Registered();
    });

    public override string Manifest(object obj) => obj switch
    {
        RecordBatch => BatchManifest,
        LogStartOffsetAdvanced => LogStartManifest,
        LogTruncated => TruncationManifest,
        _ => throw new SerializationException($"{nameof(PartitionEventSerializer)} cannot serialize {obj.GetType().FullName}"),
    };

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        switch (obj)
        {
            case RecordBatch batch:
                output.Write(batch.Bytes.Span);
                break;
            case LogStartOffsetAdvanced advanced:
                WriteOffset(output, advanced.LogStartOffset);
                break;
            case LogTruncated truncated:
                WriteOffset(output, truncated.Offset);
                break;
            default:
                throw new SerializationException($"{nameof(PartitionEventSerializer)} cannot serialize {obj.GetType().FullName}");
        }
    }

    /// <summary>Rebuilds an event; a batch gets a copy of the bytes, as the span is only lent.</summary>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) =>
        manifest == BatchManifest ? ToBatch(bytes.ToArray()) : ToMarker(bytes, manifest);

    /// <summary>Like <see cref="FromBinary"/> but a batch wraps the journal's payload without copying it.</summary>
    internal static object FromPayload(ReadOnlyMemory<byte> payload, string manifest) =>
        manifest == BatchManifest ? ToBatch(payload) : ToMarker(payload.Span, manifest);

    private static RecordBatch ToBatch(ReadOnlyMemory<byte> bytes)
    {
        // The full check (CRC, records) ran on append; here only what reading the header needs, so a damaged row fails clearly.
        if (bytes.Length < RecordBatch.HeaderSize)
            throw new SerializationException($"stored record batch of {bytes.Length} bytes is shorter than the {RecordBatch.HeaderSize}-byte header");
        var declared = BinaryPrimitives.ReadInt32BigEndian(bytes.Span[BatchLengthField..]) + BatchLengthCovers;
        if (declared != bytes.Length)
            throw new SerializationException($"stored record batch says {declared} bytes but has {bytes.Length}");
        return new RecordBatch(bytes);
    }

    private static object ToMarker(ReadOnlySpan<byte> bytes, string manifest) => manifest switch
    {
        LogStartManifest => new LogStartOffsetAdvanced(ReadOffset(bytes, "log start")),
        TruncationManifest => new LogTruncated(ReadOffset(bytes, "truncation")),
        _ => throw new SerializationException($"{nameof(PartitionEventSerializer)}: unknown manifest '{manifest}'"),
    };

    private static void WriteOffset(IBufferWriter<byte> output, long offset)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(sizeof(long)), offset);
        output.Advance(sizeof(long));
    }

    private static long ReadOffset(ReadOnlySpan<byte> bytes, string marker) => bytes.Length >= sizeof(long)
        ? BinaryPrimitives.ReadInt64BigEndian(bytes)
        : throw new SerializationException($"{marker} marker of {bytes.Length} bytes is shorter than its 8-byte offset");

    private sealed class Registered;
}
