using System.IO.Compression;
using K4os.Compression.LZ4.Streams;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace ActorBroker.Kafka.Records;

/// <summary>The decompressor of each codec a v2 batch may name; none for <see cref="KafkaCompression.None"/> or an invalid codec.</summary>
internal static class RecordsDecompressors
{
    // zstd's decoder allocates its window from the frame header, which the client writes. Kafka's Java client streams
    // without a pledged size and gets windows up to 8 MiB at levels up to 18; librdkafka pledges the batch's size, so its
    // window is at most the batch. A window beyond both is refused rather than allocated.
    private const int ZstdMinWindowLog = 23;
    private const int ZstdMaxWindowLog = 27;

    private static readonly IRecordsDecompressor Gzip = new StreamDecompressor((input, _) => new GZipStream(input, CompressionMode.Decompress));

    private static readonly IRecordsDecompressor Lz4 = new StreamDecompressor((input, _) => LZ4Stream.Decode(input));

    private static readonly IRecordsDecompressor Snappy = new SnappyDecompressor();

    private static readonly IRecordsDecompressor Zstd = new StreamDecompressor((input, output) =>
    {
        var stream = new DecompressionStream(input);
        stream.SetParameter(ZSTD_dParameter.ZSTD_d_windowLogMax, WindowLog(output.Limit));
        return stream;
    });

    public static IRecordsDecompressor? For(KafkaCompression codec) => codec switch
    {
        KafkaCompression.Gzip => Gzip,
        KafkaCompression.Snappy => Snappy,
        KafkaCompression.Lz4 => Lz4,
        KafkaCompression.Zstd => Zstd,
        _ => null,
    };

    private static int WindowLog(int limit) => Math.Clamp(64 - (int)ulong.LeadingZeroCount((ulong)Math.Max(limit - 1, 1)), ZstdMinWindowLog, ZstdMaxWindowLog);
}
