using System.Buffers.Binary;
using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Records;

public class RecordSetTests
{
    [Fact]
    public void Two_batches_back_to_back_split_into_two_valid_batches_sharing_the_buffer()
    {
        var first = Batch("a", "b");
        var second = Batch("c");
        byte[] set = [.. first.Bytes.Span, .. second.Bytes.Span];

        var split = RecordSet.Split(set);

        Assert.True(split.Succeeded, split.Message);
        Assert.Equal(2, split.Batches.Count);
        Assert.Equal(first.Bytes.ToArray(), split.Batches[0].Bytes.ToArray());
        Assert.Equal(second.Bytes.ToArray(), split.Batches[1].Bytes.ToArray());
        Assert.Equal((ErrorCode.None, (string?)null), split.Batches[1].Validate(1 << 20));
        set[first.SizeInBytes + 60] = 0xEE; // the second batch's record count: the split batch sees the change, no copy was made
        Assert.NotEqual(second.RecordCount, split.Batches[1].RecordCount);
    }

    [Fact]
    public void An_empty_record_set_has_no_batches()
    {
        var split = RecordSet.Split(ReadOnlyMemory<byte>.Empty);
        Assert.True(split.Succeeded);
        Assert.Empty(split.Batches);
    }

    [Fact]
    public void A_truncated_trailing_batch_is_a_corrupt_message()
    {
        var whole = Batch("a").Bytes.ToArray();
        byte[] set = [.. whole, .. whole[..^1]];

        var split = RecordSet.Split(set);

        Assert.Equal(ErrorCode.CorruptMessage, split.Error);
        Assert.Contains("batch 1", split.Message);
        Assert.Empty(split.Batches);
    }

    [Fact]
    public void Fewer_trailing_bytes_than_a_batch_length_are_a_corrupt_message()
    {
        byte[] set = [.. Batch("a").Bytes.Span, 0, 0, 0, 0, 0];
        Assert.Equal(ErrorCode.CorruptMessage, RecordSet.Split(set).Error);
    }

    [Theory]
    [InlineData(-12)]           // size 0
    [InlineData(int.MinValue)]  // negative even after the 12-byte overhead
    [InlineData(int.MaxValue)]  // would overflow an int with the overhead added
    [InlineData(10)]            // shorter than the header
    [InlineData(1_000_000)]     // longer than the set
    public void A_garbage_batch_length_is_a_corrupt_message_not_an_exception(int batchLength)
    {
        var bytes = Batch("a").Bytes.ToArray();
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), batchLength);

        var split = RecordSet.Split(bytes);

        Assert.Equal(ErrorCode.CorruptMessage, split.Error);
        Assert.NotNull(split.Message);
    }

    [Fact]
    public void A_batch_of_an_older_format_is_an_invalid_record_which_a_client_does_not_retry()
    {
        var bytes = Batch("a").Bytes.ToArray();
        bytes[16] = 1; // magic

        var split = RecordSet.Split(bytes);

        Assert.Equal(ErrorCode.InvalidRecord, split.Error);
        Assert.Contains("magic 1", split.Message);
    }

    [Theory]
    [InlineData(0, KafkaCompression.None)]
    [InlineData(1, KafkaCompression.Gzip)]
    [InlineData(2, KafkaCompression.Snappy)]
    [InlineData(3, KafkaCompression.Lz4)]
    [InlineData(4, KafkaCompression.Zstd)]
    public void A_batch_tells_its_compression_and_validation_still_checks_the_crc_first(short codec, KafkaCompression expected)
    {
        var bytes = Batch("a").Bytes.ToArray();
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(21), (short)(codec | 0x08)); // attributes: codec, and log-append time (bit 3) ignored
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(21)));

        var batch = Assert.Single(RecordSet.Split(bytes).Batches);

        Assert.Equal(expected, batch.Compression());
        Assert.Equal(codec == 0 ? ErrorCode.None : ErrorCode.UnsupportedCompressionType, batch.Validate(1 << 20).Error);
        bytes[^1] ^= 0xFF; // a flipped bit in the (compressed) records: the CRC answers before the codec does
        Assert.Equal(ErrorCode.CorruptMessage, batch.Validate(1 << 20).Error);
    }
}
