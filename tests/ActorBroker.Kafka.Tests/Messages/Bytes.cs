using System.Text;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Tests.Messages;

/// <summary>
/// Kafka's primitive types laid out by hand (big-endian, written here without <see cref="KafkaWriter"/>), so that
/// tests state a message's bytes field by field from the schema and the codecs are checked against them, not
/// against themselves.
/// </summary>
internal static class Bytes
{
    public static byte[] I8(int value) => [(byte)value];
    public static byte[] Bool(bool value) => [value ? (byte)1 : (byte)0];
    public static byte[] I16(int value) => [(byte)(value >> 8), (byte)value];
    public static byte[] I32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
    public static byte[] I64(long value) => [.. I32((int)(value >> 32)), .. I32((int)value)];

    public static byte[] UVarint(uint value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7) bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }

    /// <summary>STRING / NULLABLE_STRING: int16 length (-1 null), UTF-8.</summary>
    public static byte[] Str(string? value) => value is null ? I16(-1) : [.. I16(Encoding.UTF8.GetByteCount(value)), .. Encoding.UTF8.GetBytes(value)];

    /// <summary>COMPACT_(NULLABLE_)STRING: unsigned varint length + 1 (0 null), UTF-8.</summary>
    public static byte[] CStr(string? value) => value is null ? [0] : [.. UVarint((uint)Encoding.UTF8.GetByteCount(value) + 1), .. Encoding.UTF8.GetBytes(value)];

    /// <summary>ARRAY length: int32 (-1 null).</summary>
    public static byte[] Arr(int count) => I32(count);

    /// <summary>COMPACT_ARRAY length: unsigned varint count + 1 (0 null).</summary>
    public static byte[] CArr(int count) => UVarint((uint)(count + 1));

    /// <summary>BYTES / RECORDS: int32 length (-1 null), then the bytes.</summary>
    public static byte[] Blob(byte[]? value) => value is null ? I32(-1) : [.. I32(value.Length), .. value];

    /// <summary>COMPACT_BYTES / COMPACT_RECORDS: unsigned varint length + 1 (0 null), then the bytes.</summary>
    public static byte[] CBlob(byte[]? value) => value is null ? [0] : [.. UVarint((uint)value.Length + 1), .. value];

    /// <summary>UUID: 16 bytes in the order of its canonical text (Java's most significant bits first).</summary>
    public static byte[] Uuid(Guid value) => Convert.FromHexString(value.ToString("N"));

    /// <summary>An empty set of tagged fields.</summary>
    public static readonly byte[] NoTags = [0];

    /// <summary>A valid, uncompressed v2 batch of <paramref name="values"/>, as a producer sends it.</summary>
    public static RecordBatch Batch(params string[] values)
    {
        using var builder = new RecordBatchBuilder();
        foreach (var value in values) Assert.True(builder.TryAppend(1_700_000_000_000, null, Encoding.UTF8.GetBytes(value)));
        return builder.Build();
    }
}

/// <summary>A request codec's Read, as a delegate that can take the ref struct reader.</summary>
internal delegate T ReadBody<T>(ref KafkaReader reader, short version);

internal static class Codec
{
    /// <summary>Reads a request body and checks that the codec consumed every byte of it.</summary>
    public static T Read<T>(ReadBody<T> read, ApiVersionRange versions, short version, byte[] body)
    {
        var reader = new KafkaReader(body, versions.IsFlexible(version));
        var request = read(ref reader, version);
        Assert.Equal(0, reader.Remaining);
        return request;
    }

    /// <summary>
    /// Every proper prefix of a valid body is a truncated request: reading it must throw
    /// <see cref="KafkaProtocolException"/>, never anything else and never succeed.
    /// </summary>
    public static void EveryTruncationThrows<T>(ReadBody<T> read, ApiVersionRange versions, short version, byte[] body)
    {
        for (var length = 0; length < body.Length; length++)
        {
            var prefix = body[..length];
            var thrown = Xunit.Record.Exception(() =>
            {
                var reader = new KafkaReader(prefix, versions.IsFlexible(version));
                read(ref reader, version);
            });
            Assert.True(thrown is KafkaProtocolException, $"{length} of {body.Length} bytes: {thrown?.GetType().Name ?? "no exception"}");
        }
    }

    /// <summary>The body a response codec writes, without the frame's size prefix.</summary>
    public static byte[] Write(Action<KafkaWriter, short> write, ApiVersionRange versions, short version)
    {
        using var writer = new KafkaWriter(versions.IsFlexible(version));
        write(writer, version);
        return writer.Frame().Span[4..].ToArray();
    }
}
