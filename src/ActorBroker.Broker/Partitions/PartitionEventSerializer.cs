using System.Buffers;
using System.Buffers.Binary;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Binary encoding (id 11) of the partition log's journal events. A <see cref="RecordBatch"/> is stored as its own
/// bytes, exactly as stamped on append (never re-encoded); a log start marker is its offset. A later version may
/// append fields to the marker; readers ignore what follows the fields they know.
/// </summary>
public sealed class PartitionEventSerializer : Serializer
{
    public const int Id = 11;

    internal const string BatchManifest = "B";
    internal const string LogStartManifest = "S";

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
        return new Registered();
    });

    public override string Manifest(object obj) => obj switch
    {
        RecordBatch => BatchManifest,
        LogStartOffsetAdvanced => LogStartManifest,
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
                BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(sizeof(long)), advanced.LogStartOffset);
                output.Advance(sizeof(long));
                break;
            default:
                throw new SerializationException($"{nameof(PartitionEventSerializer)} cannot serialize {obj.GetType().FullName}");
        }
    }

    /// <summary>Rebuilds an event; a batch gets a copy of the bytes, as the span is only lent.</summary>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) =>
        manifest == BatchManifest ? ToBatch(bytes.ToArray()) : ToLogStart(bytes, manifest);

    /// <summary>Like <see cref="FromBinary"/> but a batch wraps the journal's payload without copying it.</summary>
    internal static object FromPayload(ReadOnlyMemory<byte> payload, string manifest) =>
        manifest == BatchManifest ? ToBatch(payload) : ToLogStart(payload.Span, manifest);

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

    private static LogStartOffsetAdvanced ToLogStart(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (manifest != LogStartManifest) throw new SerializationException($"{nameof(PartitionEventSerializer)}: unknown manifest '{manifest}'");
        return bytes.Length >= sizeof(long)
            ? new LogStartOffsetAdvanced(BinaryPrimitives.ReadInt64BigEndian(bytes))
            : throw new SerializationException($"log start marker of {bytes.Length} bytes is shorter than its 8-byte offset");
    }

    private sealed class Registered;
}
