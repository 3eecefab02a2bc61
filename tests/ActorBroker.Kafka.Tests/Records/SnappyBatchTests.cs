using System.Buffers.Binary;
using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using Snappier;
using static ActorBroker.Kafka.Tests.Messages.Bytes;
using static ActorBroker.Kafka.Tests.Records.CompressedBatches;

namespace ActorBroker.Kafka.Tests.Records;

/// <summary>The two snappy framings producers use, and sizes that the client claims.</summary>
public class SnappyBatchTests
{
    [Fact]
    public void A_bare_snappy_block_inflates_as_well_as_the_snappy_java_framing()
    {
        var plain = Batch("alpha", "beta", new string('s', 300));
        var bare = WithRecords(plain, KafkaCompression.Snappy, Snappy.CompressToArray(plain.Bytes.Span[RecordBatch.HeaderSize..]));

        var (error, _, inflated) = CompressedBatch.Decompress(bare, 1 << 20);

        Assert.Equal(ErrorCode.None, error);
        Assert.Equal(plain.Bytes.ToArray(), inflated!.Bytes.ToArray());
    }

    [Fact]
    public void Snappy_java_blocks_of_many_sizes_inflate_in_order()
    {
        var plain = Batch([.. Enumerable.Range(0, 300).Select(i => $"record-{i}")]);
        var records = plain.Bytes.Span[RecordBatch.HeaderSize..];

        foreach (var blockSize in new[] { 1, 7, 100, records.Length })
        {
            var (error, _, inflated) = CompressedBatch.Decompress(WithRecords(plain, KafkaCompression.Snappy, XerialSnappy(records, blockSize)), 1 << 20);
            Assert.Equal(ErrorCode.None, error);
            Assert.Equal(plain.Bytes.ToArray(), inflated!.Bytes.ToArray());
        }
    }

    /// <summary>A block's uncompressed length is the client's word: 1 GiB claimed in five bytes reserves nothing.</summary>
    [Fact]
    public void A_block_that_claims_more_than_max_message_bytes_is_message_too_large_before_anything_is_reserved()
    {
        byte[] claim = [0x80, 0x80, 0x80, 0x80, 0x04, 0x00]; // varint 2^30, then one byte of a tag
        var batch = WithRecords(Batch("a"), KafkaCompression.Snappy, claim);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Equal(ErrorCode.RecordTooLarge, CompressedBatch.Decompress(batch, 1 << 20).Error);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "nothing near the claimed size was allocated");
    }

    [Fact]
    public void A_snappy_java_block_length_beyond_the_records_is_a_corrupt_message()
    {
        var plain = Batch("a", "b");
        var records = XerialSnappy(plain.Bytes.Span[RecordBatch.HeaderSize..], 1 << 20);
        BinaryPrimitives.WriteInt32BigEndian(records.AsSpan(16), records.Length);

        Assert.Equal(ErrorCode.CorruptMessage, CompressedBatch.Decompress(WithRecords(plain, KafkaCompression.Snappy, records), 1 << 20).Error);
    }
}
