using System.Buffers.Binary;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>
/// Request frames for fuzzing a listener: valid ApiVersions, Metadata, Produce and Fetch requests of several versions
/// (size prefix included), and mutations of them: flipped bytes, cut short, a wrong size prefix, another API key or
/// version, or random bytes. Driven by the caller's seeded <see cref="Random"/>, so a failure replays.
/// </summary>
internal static class FuzzFrames
{
    /// <summary>Size prefix, key, version, correlation id and the client id "raw-test" (<see cref="RawKafkaClient.Request"/>).</summary>
    private const int HeaderEnd = 4 + 2 + 2 + 4 + 2 + 8;

    private static readonly byte[][] Templates = BuildTemplates();

    public static byte[] Valid(Random random, int correlationId)
    {
        var frame = (byte[])Templates[random.Next(Templates.Length)].Clone();
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8), correlationId);
        return frame;
    }

    public static byte[] Mutated(Random random, int correlationId)
    {
        var frame = Valid(random, correlationId);
        switch (random.Next(7))
        {
            case 0: // bytes flipped anywhere after the size prefix
                for (var i = random.Next(1, 5); i > 0; i--) frame[4 + random.Next(frame.Length - 4)] ^= (byte)random.Next(1, 256);
                return frame;
            case 1: // bytes flipped in the body only: the header still routes it to a handler, whose parser meets them
                var body = Math.Min(HeaderEnd, frame.Length - 1);
                for (var i = random.Next(1, 4); i > 0; i--) frame[body + random.Next(frame.Length - body)] ^= (byte)random.Next(1, 256);
                return frame;
            case 2: // cut short, with a size prefix that says so
                var cut = frame[..random.Next(4, frame.Length)];
                BinaryPrimitives.WriteInt32BigEndian(cut, cut.Length - 4);
                return cut;
            case 3: // a size prefix that lies: shorter or longer than the frame
                BinaryPrimitives.WriteInt32BigEndian(frame, Math.Max(0, frame.Length - 4 + random.Next(-8, 9)));
                return frame;
            case 4: // another API key, known or not
                BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(4), (short)random.Next(-2, 80));
                return frame;
            case 5: // another version, served or not
                BinaryPrimitives.WriteInt16BigEndian(frame.AsSpan(6), (short)random.Next(-1, 20));
                return frame;
            default: // random bytes, in a frame whose size prefix matches
                var junk = new byte[random.Next(4, 200)];
                random.NextBytes(junk);
                BinaryPrimitives.WriteInt32BigEndian(junk, junk.Length - 4);
                return junk;
        }
    }

    private static byte[][] BuildTemplates()
    {
        var batch = Batch("fuzz", "frames").Bytes.ToArray();
        var templates = new List<byte[]>
        {
            RawKafkaClient.Request(18, 0, 0, []),
            RawKafkaClient.Request(18, 2, 0, []),
            RawKafkaClient.Request(18, 3, 0, [.. CStr("fuzz"), .. CStr("1.0"), .. NoTags], headerV2: true),
            RawKafkaClient.Request(0, 3, 0, [.. Str(null), .. I16(1), .. I32(1_000), .. Arr(1), .. Str("fuzz"), .. Arr(1), .. I32(0), .. Blob(batch)]),
            RawKafkaClient.Request(0, 9, 0, [.. CStr(null), .. I16(1), .. I32(1_000), .. CArr(1), .. CStr("fuzz"), .. CArr(1), .. I32(0), .. CBlob(batch),
                .. NoTags, .. NoTags, .. NoTags], headerV2: true),
            RawKafkaClient.Request(1, 4, 0, [.. I32(-1), .. I32(10), .. I32(1), .. I32(65_536), .. I8(0), .. Arr(1), .. Str("fuzz"), .. Arr(1), .. I32(0),
                .. I64(0), .. I32(65_536)]),
            RawKafkaClient.Request(1, 12, 0, [.. I32(-1), .. I32(10), .. I32(1), .. I32(65_536), .. I8(0), .. I32(0), .. I32(-1), .. CArr(1), .. CStr("fuzz"),
                .. CArr(1), .. I32(0), .. I32(-1), .. I64(0), .. I32(-1), .. I64(-1), .. I32(65_536), .. NoTags, .. NoTags, .. CArr(0), .. CStr(""), .. NoTags],
                headerV2: true),
        };
        foreach (var version in new short[] { 1, 4, 8, 9, 12 })
        {
            using var writer = new KafkaWriter(version >= 9);
            new MetadataRequest(version % 2 == 0 ? [new MetadataRequestTopic(Guid.Empty, "fuzz")] : null).Write(writer, version);
            templates.Add(RawKafkaClient.Request(3, version, 0, writer.Frame().Span[4..].ToArray(), headerV2: version >= 9));
        }

        return [.. templates];
    }
}
