using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using static ActorBroker.Kafka.Tests.Messages.Bytes;
using static ActorBroker.Kafka.Tests.Records.CompressedBatches;

namespace ActorBroker.Kafka.Tests.Records;

public class CompressedBatchTests
{
    public static TheoryData<KafkaCompression> Codecs => [KafkaCompression.Gzip, KafkaCompression.Snappy, KafkaCompression.Lz4, KafkaCompression.Zstd];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_compressed_batch_inflates_to_the_uncompressed_batch_a_producer_would_have_sent(KafkaCompression codec)
    {
        var plain = Batch("alpha", "beta", new string('g', 300));

        var (error, message, inflated) = CompressedBatch.Decompress(Framed(plain, codec), maxBatchBytes: 1 << 20);

        Assert.Equal((ErrorCode.None, (string?)null), (error, message));
        Assert.Equal(plain.Bytes.ToArray(), inflated!.Bytes.ToArray());
        Assert.Equal((ErrorCode.None, (string?)null), inflated.Validate(1 << 20));
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_batch_larger_than_one_decoder_chunk_or_snappy_block_inflates_whole(KafkaCompression codec)
    {
        var plain = LargeBatch(Enumerable.Range(0, 2000).Select(i => $"record-{i}-{new string((char)('a' + i % 26), 40)}"));
        Assert.True(plain.SizeInBytes > 64 * 1024);

        var (error, _, inflated) = CompressedBatch.Decompress(Framed(plain, codec), maxBatchBytes: 1 << 20);

        Assert.Equal(ErrorCode.None, error);
        Assert.Equal(plain.Bytes.ToArray(), inflated!.Bytes.ToArray());
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_batch_that_inflates_to_exactly_max_message_bytes_is_accepted_and_one_byte_less_is_message_too_large(KafkaCompression codec)
    {
        var plain = Batch(new string('b', 50_000));
        var packed = Framed(plain, codec);
        Assert.True(packed.SizeInBytes < 5000, "50 kB of one letter packs small");

        Assert.Equal(ErrorCode.None, CompressedBatch.Decompress(packed, maxBatchBytes: plain.SizeInBytes).Error);
        var (error, message, _) = CompressedBatch.Decompress(packed, maxBatchBytes: plain.SizeInBytes - 1);
        Assert.Equal(ErrorCode.RecordTooLarge, error);
        Assert.Contains($"max.message.bytes={plain.SizeInBytes - 1}", message);
        Assert.Equal(ErrorCode.RecordTooLarge, CompressedBatch.Decompress(packed, maxBatchBytes: 10_000).Error);
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void A_wrong_crc_or_records_that_are_not_the_codecs_are_a_corrupt_message(KafkaCompression codec)
    {
        var packed = Framed(Batch("a", "b"), codec).Bytes.ToArray();
        var wrongCrc = (byte[])packed.Clone();
        wrongCrc[^1] ^= 0xFF;
        Assert.Equal(ErrorCode.CorruptMessage, CompressedBatch.Decompress(new RecordBatch(wrongCrc), 1 << 20).Error);

        var garbage = (byte[])packed.Clone();
        for (var i = RecordBatch.HeaderSize; i < garbage.Length; i++) garbage[i] = 0xFF;
        var (error, message, _) = CompressedBatch.Decompress(Recrc(garbage), 1 << 20);
        Assert.Equal(ErrorCode.CorruptMessage, error);
        Assert.Contains(codec.ToString(), message);
    }

    /// <summary>
    /// A cut may end on a block boundary, where the codec sees a shorter but well-formed stream: then the records are
    /// short of the batch's record count, which the broker's validation refuses. A gzip stream cut inside its trailer
    /// (CRC-32 and size, after the last deflate block) still inflates whole, and the batch's own CRC-32C vouched for
    /// those bytes: that batch goes in as sent. Never does a part of the records go in.
    /// </summary>
    [Theory]
    [MemberData(nameof(Codecs))]
    public void No_truncation_of_the_compressed_records_stores_part_of_them_or_throws(KafkaCompression codec)
    {
        var plain = Batch([.. Enumerable.Range(0, 50).Select(i => $"value-{i}")]);
        var records = Compress(codec, plain.Bytes.Span[RecordBatch.HeaderSize..]);

        for (var length = 0; length < records.Length; length++)
        {
            var (error, _, inflated) = CompressedBatch.Decompress(WithRecords(plain, codec, records.AsSpan(0, length)), 1 << 20);
            if (error != ErrorCode.None) Assert.Equal(ErrorCode.CorruptMessage, error);
            else if (inflated!.Validate(1 << 20).Error == ErrorCode.None) Assert.Equal(plain.Bytes.ToArray(), inflated.Bytes.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Flipped_bits_in_the_compressed_records_never_throw_out_of_the_inflater(KafkaCompression codec)
    {
        var plain = Batch([.. Enumerable.Range(0, 50).Select(i => $"value-{i}")]);
        var records = Compress(codec, plain.Bytes.Span[RecordBatch.HeaderSize..]);
        var random = new Random(18);

        for (var i = 0; i < 20_000; i++)
        {
            var damaged = (byte[])records.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            var (error, _, _) = CompressedBatch.Decompress(WithRecords(plain, codec, damaged), 1 << 20);
            Assert.Contains(error, new[] { ErrorCode.None, ErrorCode.CorruptMessage, ErrorCode.RecordTooLarge });
        }
    }

    [Fact]
    public void An_uncompressed_batch_comes_back_as_it_is()
    {
        var plain = Batch("a");

        Assert.Same(plain, CompressedBatch.Decompress(plain, 1 << 20).Batch);
    }
}
