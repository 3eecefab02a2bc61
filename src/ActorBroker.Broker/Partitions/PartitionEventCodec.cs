using System.Buffers;
using System.Buffers.Binary;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The binary form of the partition log's journal events, whatever runtime stores them. A <see cref="RecordBatch"/> is
/// stored as its own bytes, exactly as stamped on append (never re-encoded); a log start, truncation or high watermark
/// marker is its offset. A later version may append fields to a marker; readers ignore what follows the fields they know. Malformed
/// input throws <see cref="FormatException"/>.
/// </summary>
internal static class PartitionEventCodec
{
    public const string BatchManifest = "B";
    public const string LogStartManifest = "S";
    public const string TruncationManifest = "T";
    public const string HighWatermarkManifest = "H";

    public static IReadOnlyList<Type> EventTypes { get; } =
        [typeof(RecordBatch), typeof(LogStartOffsetAdvanced), typeof(LogTruncated), typeof(HighWatermarkCheckpointed)];

    // Kafka's v2 layout: the int32 at byte 8 counts the bytes after the base offset and itself.
    private const int BatchLengthField = 8;
    private const int BatchLengthCovers = 12;

    public static string? ManifestOf(object message) => message switch
    {
        RecordBatch => BatchManifest,
        LogStartOffsetAdvanced => LogStartManifest,
        LogTruncated => TruncationManifest,
        HighWatermarkCheckpointed => HighWatermarkManifest,
        _ => null,
    };

    public static bool TryWrite(object message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case RecordBatch batch:
                output.Write(batch.Bytes.Span);
                return true;
            case LogStartOffsetAdvanced advanced:
                WriteOffset(output, advanced.LogStartOffset);
                return true;
            case LogTruncated truncated:
                WriteOffset(output, truncated.Offset);
                return true;
            case HighWatermarkCheckpointed checkpoint:
                WriteOffset(output, checkpoint.HighWatermark);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Rebuilds an event; a batch wraps <paramref name="payload"/> without copying it, so the caller must not reuse it.</summary>
    public static object Read(ReadOnlyMemory<byte> payload, string manifest) => manifest switch
    {
        BatchManifest => ToBatch(payload),
        LogStartManifest => new LogStartOffsetAdvanced(ReadOffset(payload.Span, "log start")),
        TruncationManifest => new LogTruncated(ReadOffset(payload.Span, "truncation")),
        HighWatermarkManifest => new HighWatermarkCheckpointed(ReadOffset(payload.Span, "high watermark")),
        _ => throw new FormatException($"unknown partition event manifest '{manifest}'"),
    };

    private static RecordBatch ToBatch(ReadOnlyMemory<byte> bytes)
    {
        // The full check (CRC, records) ran on append; here only what reading the header needs, so a damaged row fails clearly.
        if (bytes.Length < RecordBatch.HeaderSize)
            throw new FormatException($"stored record batch of {bytes.Length} bytes is shorter than the {RecordBatch.HeaderSize}-byte header");
        var declared = BinaryPrimitives.ReadInt32BigEndian(bytes.Span[BatchLengthField..]) + BatchLengthCovers;
        if (declared != bytes.Length)
            throw new FormatException($"stored record batch says {declared} bytes but has {bytes.Length}");
        return new RecordBatch(bytes);
    }

    private static void WriteOffset(IBufferWriter<byte> output, long offset)
    {
        BinaryPrimitives.WriteInt64BigEndian(output.GetSpan(sizeof(long)), offset);
        output.Advance(sizeof(long));
    }

    private static long ReadOffset(ReadOnlySpan<byte> bytes, string marker) => bytes.Length >= sizeof(long)
        ? BinaryPrimitives.ReadInt64BigEndian(bytes)
        : throw new FormatException($"{marker} marker of {bytes.Length} bytes is shorter than its 8-byte offset");
}
