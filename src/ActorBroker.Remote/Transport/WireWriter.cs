using System.Buffers.Binary;

namespace ActorBroker.Remote.Transport;

/// <summary>Writes frame fields into a span sized beforehand with the matching <c>SizeOf</c> helpers.</summary>
internal ref struct WireWriter(Span<byte> target)
{
    private readonly Span<byte> _target = target;
    private int _position;

    public readonly int Written => _position;

    public static int SizeOfVarInt(int value)
    {
        var size = 1;
        for (var v = (uint)value; v >= 0x80; v >>= 7) size++;
        return size;
    }

    public static int SizeOfBytes(ReadOnlySpan<byte> bytes) => SizeOfVarInt(bytes.Length) + bytes.Length;

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_target[_position..], value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_target[_position..], value);
        _position += 8;
    }

    public void WriteByte(byte value) => _target[_position++] = value;

    public void WriteVarInt(int value)
    {
        var v = (uint)value;
        while (v >= 0x80)
        {
            _target[_position++] = (byte)(v | 0x80);
            v >>= 7;
        }

        _target[_position++] = (byte)v;
    }

    /// <summary>A length-prefixed byte string (paths and manifests are pre-encoded UTF-8).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteVarInt(bytes.Length);
        WriteRaw(bytes);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_target[_position..]);
        _position += bytes.Length;
    }
}
