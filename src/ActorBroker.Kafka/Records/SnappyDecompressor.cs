using System.Buffers.Binary;
using Snappier;

namespace ActorBroker.Kafka.Records;

/// <summary>
/// Snappy records as producers send them: Kafka's Java client wraps snappy blocks in snappy-java's ("xerial") stream
/// framing — an 8-byte magic, two int32s (version, compatible version), then blocks each after its big-endian int32
/// compressed length. librdkafka 2.16 sends one bare snappy block for a v2 batch (seen on this door: the records start
/// with the block's varint length, no snappy-java magic), so a bare block is taken too, as Kafka's own reader does.
/// </summary>
internal sealed class SnappyDecompressor : IRecordsDecompressor
{
    private static ReadOnlySpan<byte> XerialMagic => [0x82, (byte)'S', (byte)'N', (byte)'A', (byte)'P', (byte)'P', (byte)'Y', 0];
    private const int XerialHeaderSize = 16;

    public bool TryDecompress(ReadOnlyMemory<byte> compressed, BoundedBuffer output)
    {
        var input = compressed.Span;
        if (!input.StartsWith(XerialMagic)) return TryBlock(input, output);

        if (input.Length < XerialHeaderSize) throw new InvalidDataException($"the snappy-java header needs {XerialHeaderSize} bytes, the records have {input.Length}");
        var position = XerialHeaderSize;
        while (position < input.Length)
        {
            if (input.Length - position < sizeof(int)) throw new InvalidDataException($"a snappy-java block length at byte {position} is cut short");
            var length = BinaryPrimitives.ReadInt32BigEndian(input[position..]);
            position += sizeof(int);
            if (length < 0 || length > input.Length - position)
                throw new InvalidDataException($"a snappy-java block at byte {position} says {length} bytes, {input.Length - position} are left");
            if (!TryBlock(input.Slice(position, length), output)) return false;
            position += length;
        }

        return true;
    }

    /// <summary>
    /// A snappy block begins with its uncompressed length, which the client writes: it is checked against the room left
    /// before anything is reserved, so the reservation is never more than the topic would store.
    /// </summary>
    private static bool TryBlock(ReadOnlySpan<byte> block, BoundedBuffer output)
    {
        var length = Snappy.GetUncompressedLength(block);
        if (length > output.Room) return false;
        if (!Snappy.TryDecompress(block, output.Free(length), out var written) || written != length)
            throw new InvalidDataException($"a snappy block that says {length} bytes does not decompress to them");
        output.Advance(written);
        return true;
    }
}
