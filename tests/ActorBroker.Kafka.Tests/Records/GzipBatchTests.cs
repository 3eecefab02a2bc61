using System.Buffers.Binary;
using System.IO.Compression;
using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Records;

public class GzipBatchTests
{
    [Fact]
    public void A_gzip_batch_inflates_to_the_uncompressed_batch_a_producer_would_have_sent()
    {
        var plain = Batch("alpha", "beta", new string('g', 300));

        var (error, message, inflated) = GzipBatch.Decompress(Gzipped(plain), maxBatchBytes: 1 << 20);

        Assert.Equal(ErrorCode.None, error);
        Assert.Null(message);
        Assert.Equal(plain.Bytes.ToArray(), inflated!.Bytes.ToArray());
        Assert.Equal((ErrorCode.None, (string?)null), inflated.Validate(1 << 20));
    }

    [Fact]
    public void A_gzip_batch_that_inflates_beyond_max_message_bytes_is_message_too_large()
    {
        var plain = Batch(new string('b', 50_000));
        var packed = Gzipped(plain);
        Assert.True(packed.SizeInBytes < 1000, "50 kB of one letter packs small");

        Assert.Equal(ErrorCode.RecordTooLarge, GzipBatch.Decompress(packed, maxBatchBytes: 10_000).Error);
    }

    [Fact]
    public void A_gzip_batch_with_a_wrong_crc_or_a_damaged_stream_is_a_corrupt_message()
    {
        var packed = Gzipped(Batch("a", "b")).Bytes.ToArray();
        var wrongCrc = (byte[])packed.Clone();
        wrongCrc[^1] ^= 0xFF;
        Assert.Equal(ErrorCode.CorruptMessage, GzipBatch.Decompress(new RecordBatch(wrongCrc), 1 << 20).Error);

        var notGzip = (byte[])packed.Clone();
        notGzip[RecordBatch.HeaderSize] ^= 0xFF; // the gzip magic
        BinaryPrimitives.WriteUInt32BigEndian(notGzip.AsSpan(17), Crc32C.Compute(notGzip.AsSpan(21)));
        Assert.Equal(ErrorCode.CorruptMessage, GzipBatch.Decompress(new RecordBatch(notGzip), 1 << 20).Error);
    }

    /// <summary>The batch as a gzip producer frames it: header as is but the codec bits, records gzipped, length and CRC redone.</summary>
    private static RecordBatch Gzipped(RecordBatch plain)
    {
        var records = new MemoryStream();
        using (var gzip = new GZipStream(records, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(plain.Bytes.Span[RecordBatch.HeaderSize..]);
        byte[] bytes = [.. plain.Bytes.Span[..RecordBatch.HeaderSize], .. records.ToArray()];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), bytes.Length - 12);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(21), (short)(plain.Attributes | (short)KafkaCompression.Gzip));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(21)));
        var batch = new RecordBatch(bytes);
        Assert.Equal(KafkaCompression.Gzip, batch.Compression());
        return batch;
    }
}
