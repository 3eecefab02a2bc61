using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ActorBroker.Kafka.Records;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using K4os.Compression.LZ4.Streams;
using Snappier;

namespace ActorBroker.Kafka.Tests.Records;

/// <summary>Compressed v2 batches as producers frame them, built here with each codec's own encoder.</summary>
internal static class CompressedBatches
{
    /// <summary>An uncompressed batch of <paramref name="values"/> past the 16 KiB that <c>Bytes.Batch</c> builds.</summary>
    public static RecordBatch LargeBatch(IEnumerable<string> values)
    {
        using var builder = new RecordBatchBuilder(1 << 20);
        foreach (var value in values) Assert.True(builder.TryAppend(1_700_000_000_000, null, Encoding.UTF8.GetBytes(value)));
        return builder.Build();
    }

    /// <summary>Records section compressed as a Kafka producer of <paramref name="codec"/> sends it.</summary>
    public static byte[] Compress(KafkaCompression codec, ReadOnlySpan<byte> records) => codec switch
    {
        KafkaCompression.Gzip => Gzip(records),
        KafkaCompression.Snappy => XerialSnappy(records, blockSize: 32 * 1024),
        KafkaCompression.Lz4 => Lz4Frame(records),
        KafkaCompression.Zstd => new ZstdSharp.Compressor(3).Wrap(records).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };

    /// <summary>The batch as a producer frames it: header as is but the codec bits, records compressed, length and CRC redone.</summary>
    public static RecordBatch Framed(RecordBatch plain, KafkaCompression codec) =>
        WithRecords(plain, codec, Compress(codec, plain.Bytes.Span[RecordBatch.HeaderSize..]));

    /// <summary><paramref name="plain"/>'s header with <paramref name="codec"/> and <paramref name="records"/> after it, length and CRC right.</summary>
    public static RecordBatch WithRecords(RecordBatch plain, KafkaCompression codec, ReadOnlySpan<byte> records)
    {
        byte[] bytes = [.. plain.Bytes.Span[..RecordBatch.HeaderSize], .. records];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), bytes.Length - 12);
        BinaryPrimitives.WriteInt16BigEndian(bytes.AsSpan(21), (short)((plain.Attributes & ~0x07) | (byte)codec));
        return Recrc(bytes);
    }

    /// <summary>A batch of <paramref name="bytes"/> with its CRC-32C redone, so that only the codec can notice damage.</summary>
    public static RecordBatch Recrc(byte[] bytes)
    {
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(17), Crc32C.Compute(bytes.AsSpan(21)));
        return new RecordBatch(bytes);
    }

    /// <summary>snappy-java's stream framing (what Kafka's Java client writes): magic, version 1, compatible 1, length-prefixed blocks.</summary>
    public static byte[] XerialSnappy(ReadOnlySpan<byte> data, int blockSize)
    {
        var output = new MemoryStream();
        output.Write([0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1]);
        Span<byte> length = stackalloc byte[4];
        for (var at = 0; at < data.Length; at += blockSize)
        {
            var block = Snappy.CompressToArray(data.Slice(at, Math.Min(blockSize, data.Length - at)));
            BinaryPrimitives.WriteInt32BigEndian(length, block.Length);
            output.Write(length);
            output.Write(block);
        }

        return output.ToArray();
    }

    private static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>An LZ4 frame (magic 0x184D2204) with a correct header checksum, as Kafka writes for magic 2 batches.</summary>
    private static byte[] Lz4Frame(ReadOnlySpan<byte> data)
    {
        var output = new MemoryStream();
        using (var lz4 = LZ4Stream.Encode(output, leaveOpen: true)) lz4.Write(data);
        return output.ToArray();
    }
}
