using System.Buffers.Binary;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Records;

/// <summary>
/// Frames a Kafka record set (a RECORDS field: v2 batches back to back) into <see cref="RecordBatch"/>es that share
/// its buffer. It checks only what framing needs: each batch's length fits, and its magic is 2 so that the header
/// offsets mean what <see cref="RecordBatch"/> reads. Whether a request may carry several batches is the handler's
/// call (Kafka refuses more than one per partition in Produce v3+, with INVALID_RECORD). CRC-32C, record parsing and
/// compression stay with <see cref="RecordBatch.Validate"/>, which checks the CRC before it answers
/// UNSUPPORTED_COMPRESSION_TYPE: a handler that serves a codec can take that answer as "intact but compressed"
/// (<see cref="RecordCompression.Compression"/>).
/// </summary>
public static class RecordSet
{
    // Layout of the v2 batch header that framing reads (RecordBatchLayout is internal to ActorBroker.Protocol).
    private const int BatchLengthAt = 8;
    private const int LogOverhead = 12; // base offset and the batch length field, which counts what follows it
    private const int MagicAt = 16;
    private const byte Magic = 2;

    public static RecordSetSplit Split(ReadOnlyMemory<byte> records)
    {
        // Producers send one batch per partition, so size the list for one.
        var batches = new List<RecordBatch>(1);
        var position = 0;
        while (position < records.Length)
        {
            var left = records.Length - position;
            if (left < LogOverhead)
                return RecordSetSplit.Failed($"{left} bytes after batch {batches.Count} are too few for a batch's length");
            var span = records.Span[position..];
            var size = (long)BinaryPrimitives.ReadInt32BigEndian(span[BatchLengthAt..]) + LogOverhead;
            if (size < RecordBatch.HeaderSize)
                return RecordSetSplit.Failed($"batch {batches.Count} declares {size} bytes, fewer than the {RecordBatch.HeaderSize}-byte header");
            if (size > left)
                return RecordSetSplit.Failed($"batch {batches.Count} declares {size} bytes but only {left} are left: truncated");
            // INVALID_RECORD as Kafka answers it for Produce v3+: CORRUPT_MESSAGE is retriable, and resending an old format cannot help.
            if (span[MagicAt] != Magic)
                return RecordSetSplit.Failed($"batch {batches.Count} has magic {span[MagicAt]}; only format v2 (magic 2) is served", ErrorCode.InvalidRecord);
            batches.Add(new RecordBatch(records.Slice(position, (int)size)));
            position += (int)size;
        }

        return new RecordSetSplit(ErrorCode.None, null, batches);
    }
}

/// <summary>
/// The batches of a record set, or why it could not be framed: <see cref="ErrorCode.CorruptMessage"/> for sizes that do
/// not add up (retriable, as if damaged in transit), <see cref="ErrorCode.InvalidRecord"/> for a format other than v2.
/// </summary>
public readonly record struct RecordSetSplit(ErrorCode Error, string? Message, IReadOnlyList<RecordBatch> Batches)
{
    public bool Succeeded => Error == ErrorCode.None;

    internal static RecordSetSplit Failed(string message, ErrorCode error = ErrorCode.CorruptMessage) => new(error, message, []);
}
