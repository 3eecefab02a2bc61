using System.Buffers.Binary;
using System.Text;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Reads the fields of one frame body. Every read is bounds-checked and reports a truncated or malformed field
/// as <see cref="FrameFormatException"/>, so garbage from the network can only close its own connection.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> body)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReadOnlySpan<byte> _body = body;
    private int _position;

    public readonly int Remaining => _body.Length - _position;

    public byte ReadByte()
    {
        Need(1, "byte");
        return _body[_position++];
    }

    public long ReadInt64()
    {
        Need(8, "int64");
        var value = BinaryPrimitives.ReadInt64LittleEndian(_body[_position..]);
        _position += 8;
        return value;
    }

    /// <summary>An unsigned LEB128 integer of at most 5 bytes that fits in an int.</summary>
    public int ReadVarInt()
    {
        // Lengths and serializer ids are mostly below 128: one byte.
        if ((uint)_position < (uint)_body.Length && _body[_position] < 0x80) return _body[_position++];
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte();
            result |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                if (result > int.MaxValue) throw new FrameFormatException($"length {result} does not fit the frame");
                return (int)result;
            }
        }

        throw new FrameFormatException("variable-length integer longer than 5 bytes");
    }

    /// <summary>The raw UTF-8 bytes of a length-prefixed string (no allocation).</summary>
    public ReadOnlySpan<byte> ReadUtf8()
    {
        var length = ReadVarInt();
        Need(length, "string");
        var bytes = _body.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public string ReadString()
    {
        var bytes = ReadUtf8();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new FrameFormatException("string field is not valid UTF-8");
        }
    }

    /// <summary>Everything after the current position (the payload of a message frame).</summary>
    public ReadOnlySpan<byte> ReadRest()
    {
        var rest = _body[_position..];
        _position = _body.Length;
        return rest;
    }

    private readonly void Need(int count, string field)
    {
        if (count > _body.Length - _position)
            throw new FrameFormatException($"frame truncated: {field} needs {count} bytes at offset {_position} but the {_body.Length}-byte body has {_body.Length - _position} left");
    }
}
