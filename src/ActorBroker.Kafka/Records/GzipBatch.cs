using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Records;

/// <summary>
/// Turns a gzip-compressed v2 batch into the same batch uncompressed. The broker's partitions read every record of a
/// batch they append (record counts, offset deltas, timestamps for ListOffsets) and store only uncompressed batches;
/// gzip is in the BCL, so the door unpacks it and consumers get the records uncompressed (Kafka's consumers read either).
/// Snappy, lz4 and zstd need packages this project does not take yet: those batches go to the broker as sent, which
/// answers UNSUPPORTED_COMPRESSION_TYPE.
/// </summary>
public static class GzipBatch
{
    // v2 batch header fields this rewrite touches (RecordBatchLayout is internal to ActorBroker.Protocol).
    private const int BatchLengthAt = 8;
    private const int LogOverhead = 12;
    private const int CrcAt = 17;
    private const int AttributesAt = 21;
    private const short CompressionMask = 0x07;

    /// <summary>
    /// The uncompressed batch, or why there is none: a CRC that does not match or a stream that is not gzip is
    /// CORRUPT_MESSAGE (as the broker answers a damaged batch); an uncompressed batch above <paramref name="maxBatchBytes"/>
    /// (the topic's max.message.bytes, which the partition checks against what it stores) is MESSAGE_TOO_LARGE, found
    /// while inflating so that a small bomb cannot take more memory than the topic would store.
    /// </summary>
    public static (ErrorCode Error, string? Message, RecordBatch? Batch) Decompress(RecordBatch batch, int maxBatchBytes)
    {
        var bytes = batch.Bytes;
        var computed = Crc32C.Compute(bytes.Span[AttributesAt..]);
        if (computed != batch.Crc) return (ErrorCode.CorruptMessage, $"CRC mismatch: batch says {batch.Crc:x8}, content gives {computed:x8}", null);

        var output = new MemoryStream(Math.Min(maxBatchBytes, Math.Max(RecordBatch.HeaderSize, bytes.Length * 4)));
        output.Write(bytes.Span[..RecordBatch.HeaderSize]);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var gzip = new GZipStream(AsStream(bytes[RecordBatch.HeaderSize..]), CompressionMode.Decompress);
            int read;
            while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxBatchBytes)
                    return (ErrorCode.RecordTooLarge, $"the gzip batch inflates to more than max.message.bytes={maxBatchBytes}", null);
                output.Write(chunk, 0, read);
            }
        }
        catch (InvalidDataException e)
        {
            return (ErrorCode.CorruptMessage, $"the batch's gzip stream is damaged: {e.Message}", null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var length = (int)output.Length;
        var span = output.GetBuffer().AsSpan(0, length);
        BinaryPrimitives.WriteInt32BigEndian(span[BatchLengthAt..], length - LogOverhead);
        var attributes = BinaryPrimitives.ReadInt16BigEndian(span[AttributesAt..]);
        BinaryPrimitives.WriteInt16BigEndian(span[AttributesAt..], (short)(attributes & ~CompressionMask));
        BinaryPrimitives.WriteUInt32BigEndian(span[CrcAt..], Crc32C.Compute(span[AttributesAt..]));
        return (ErrorCode.None, null, new RecordBatch(output.GetBuffer().AsMemory(0, length)));
    }

    private static Stream AsStream(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(memory.ToArray(), writable: false);
}
