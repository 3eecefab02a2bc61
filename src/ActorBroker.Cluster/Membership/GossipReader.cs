using System.Buffers.Binary;
using System.Text;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Cluster;

/// <summary>
/// Reads what <see cref="GossipWriter"/> wrote, checking every length against the bytes left, so that
/// truncated or garbage input fails with a <see cref="SerializationException"/> and never allocates more
/// than the input could describe.
/// </summary>
internal ref struct GossipReader(ReadOnlySpan<byte> bytes)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly int Remaining => _bytes.Length - _position;

    public byte ReadByte() => Take(1, "a byte")[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4, "a 32-bit integer"));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "a 64-bit integer"));

    public int ReadVarint()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value <= int.MaxValue
                    ? (int)value
                    : throw Invalid($"a count of {value} is out of range");
            }
        }

        throw Invalid("a count runs over 5 bytes");
    }

    /// <summary>A count of items that take at least <paramref name="minItemBytes"/> each; more than the bytes left could hold is garbage.</summary>
    public int ReadCount(int minItemBytes, string what)
    {
        var count = ReadVarint();
        return (long)count * minItemBytes <= Remaining
            ? count
            : throw Invalid($"{count} {what} cannot fit in the {Remaining} bytes left");
    }

    public string ReadString()
    {
        var length = ReadVarint();
        var utf8 = Take(length, $"a string of {length} bytes");
        try
        {
            return StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new SerializationException($"Cannot decode gossip: invalid UTF-8 before offset {_position}", e);
        }
    }

    public readonly void EnsureEnd()
    {
        if (Remaining != 0) throw Invalid($"{Remaining} unexpected bytes after the end");
    }

    public readonly SerializationException Invalid(string problem) =>
        new($"Cannot decode gossip: {problem} (at offset {_position} of {_bytes.Length})");

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
            throw new SerializationException($"Cannot decode gossip: truncated, {what} needs {count} bytes but {Remaining} are left (at offset {_position} of {_bytes.Length})");
        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }
}
