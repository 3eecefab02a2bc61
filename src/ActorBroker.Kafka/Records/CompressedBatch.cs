using System.Buffers.Binary;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Records;

/// <summary>
/// Turns a compressed v2 batch into the same batch uncompressed. The broker's partitions read every record of a batch
/// they append (record counts, offset deltas, timestamps for ListOffsets) and store only uncompressed batches, so the
/// door inflates gzip, snappy, lz4 and zstd batches, and consumers get the records uncompressed (Kafka's consumers read
/// either).
/// </summary>
internal static class CompressedBatch
{
    // v2 batch header fields this rewrite touches (RecordBatchLayout is internal to ActorBroker.Protocol).
    private const int BatchLengthAt = 8;
    private const int LogOverhead = 12;
    private const int CrcAt = 17;
    private const int AttributesAt = 21;
    private const short CompressionMask = 0x07;

    /// <summary>
    /// The uncompressed batch, or why there is none: a CRC that does not match or records the codec cannot read are
    /// CORRUPT_MESSAGE (as the broker answers a damaged batch); an uncompressed batch above <paramref name="maxBatchBytes"/>
    /// (the topic's max.message.bytes, which the partition checks against what it stores) is MESSAGE_TOO_LARGE, found
    /// while inflating so that a small bomb cannot take more memory than the topic would store. A batch that is not
    /// compressed, or names no codec Kafka has, comes back as it is, for the broker to validate.
    /// </summary>
    public static (ErrorCode Error, string? Message, RecordBatch? Batch) Decompress(RecordBatch batch, int maxBatchBytes)
    {
        var codec = batch.Compression();
        if (RecordsDecompressors.For(codec) is not { } decompressor) return (ErrorCode.None, null, batch);

        var bytes = batch.Bytes;
        var computed = Crc32C.Compute(bytes.Span[AttributesAt..]);
        if (computed != batch.Crc) return (ErrorCode.CorruptMessage, $"CRC mismatch: batch says {batch.Crc:x8}, content gives {computed:x8}", null);
        if (maxBatchBytes < RecordBatch.HeaderSize) return TooLarge(codec, maxBatchBytes);

        using var output = new BoundedBuffer(maxBatchBytes);
        output.Write(bytes.Span[..RecordBatch.HeaderSize]);
        try
        {
            if (!decompressor.TryDecompress(bytes[RecordBatch.HeaderSize..], output)) return TooLarge(codec, maxBatchBytes);
        }
        catch (Exception e) when (IsDamage(e))
        {
            return (ErrorCode.CorruptMessage, $"the batch's {codec} records are damaged: {e.Message}", null);
        }

        var span = output.Written;
        BinaryPrimitives.WriteInt32BigEndian(span[BatchLengthAt..], span.Length - LogOverhead);
        var attributes = BinaryPrimitives.ReadInt16BigEndian(span[AttributesAt..]);
        BinaryPrimitives.WriteInt16BigEndian(span[AttributesAt..], (short)(attributes & ~CompressionMask));
        BinaryPrimitives.WriteUInt32BigEndian(span[CrcAt..], Crc32C.Compute(span[AttributesAt..]));
        return (ErrorCode.None, null, new RecordBatch(output.ToArray()));
    }

    private static (ErrorCode, string?, RecordBatch?) TooLarge(KafkaCompression codec, int maxBatchBytes) =>
        (ErrorCode.RecordTooLarge, $"the {codec} batch inflates to more than max.message.bytes={maxBatchBytes}", null);

    /// <summary>
    /// What the codecs throw on bytes they cannot read. They are third-party decoders fed bytes from the network:
    /// besides InvalidDataException (gzip, snappy, a bad lz4 magic) and ZstdException, truncated lz4 and zstd streams
    /// throw EndOfStreamException, and K4os's lz4 reader throws InvalidOperationException on a block that does not
    /// decode and ArgumentOutOfRangeException on a block length past its buffer (all seen under bit flips); range and
    /// format errors of the same kind are taken too. Each means the batch, not the door, is at fault. Running out of
    /// memory is not the batch's fault and goes on up.
    /// </summary>
    private static bool IsDamage(Exception e) =>
        e is InvalidDataException or EndOfStreamException or ZstdSharp.ZstdException or ArgumentException or IndexOutOfRangeException
            or InvalidOperationException or NotSupportedException or OverflowException;
}
