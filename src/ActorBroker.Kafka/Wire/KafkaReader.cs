using System.Buffers.Binary;
using System.Text;

namespace ActorBroker.Kafka.Wire;

/// <summary>
/// Bounds-checked reads of Kafka's primitive types (big-endian), for one request body. In a flexible version
/// (<see cref="Flexible"/>) strings, byte arrays and arrays are "compact" (unsigned-varint length + 1) and structs
/// end with tagged fields; otherwise lengths are int16 (strings) or int32. Anything malformed throws
/// <see cref="KafkaProtocolException"/>, and no length read from the wire can make it allocate more than the
/// request holds.
/// </summary>
public ref struct KafkaReader(ReadOnlySpan<byte> bytes, bool flexible)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool Flexible { get; } = flexible;

    public readonly int Position => _position;

    public readonly int Remaining => _bytes.Length - _position;

    public sbyte Int8() => (sbyte)Take(1)[0];

    public bool Boolean() => Take(1)[0] != 0;

    public short Int16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public int Int32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public Guid Uuid() => new(Take(16), bigEndian: true);

    /// <summary>Kafka's UNSIGNED_VARINT: at most five bytes, seven bits each, low bits first.</summary>
    public uint UnsignedVarint()
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Take(1)[0];
            if (shift == 28 && b > 0x0F) throw new KafkaProtocolException("an unsigned varint does not fit 32 bits");
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }

        throw new KafkaProtocolException("an unsigned varint is longer than five bytes");
    }

    /// <summary>A string that may not be null.</summary>
    public string String() => NullableString() ?? throw new KafkaProtocolException("a required string is null");

    public string? NullableString()
    {
        var length = Flexible ? (int)CompactLength() : Int16();
        if (length < -1) throw new KafkaProtocolException($"string length {length} is negative");
        return length == -1 ? null : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>Bytes that may be null (<c>default</c> with <paramref name="isNull"/> set); the span points into the request.</summary>
    public ReadOnlySpan<byte> NullableBytes(out bool isNull)
    {
        var length = Flexible ? CompactLength() : Int32();
        if (length < -1) throw new KafkaProtocolException($"byte array length {length} is negative");
        isNull = length == -1;
        return isNull ? default : Take((int)length);
    }

    public ReadOnlySpan<byte> Bytes()
    {
        var bytes = NullableBytes(out var isNull);
        return isNull ? throw new KafkaProtocolException("a required byte array is null") : bytes;
    }

    /// <summary>
    /// An array's element count (-1 for null), checked against the bytes left assuming each element takes at least
    /// <paramref name="minElementBytes"/>, so that a forged count cannot make the caller allocate more than the request holds.
    /// </summary>
    public int ArrayLength(int minElementBytes)
    {
        var count = Flexible ? CompactLength() : Int32();
        if (count < -1 || (long)Math.Max(count, 0) * Math.Max(minElementBytes, 1) > Remaining)
            throw new KafkaProtocolException($"array length {count} does not fit the {Remaining} bytes left");
        return (int)count;
    }

    /// <summary>The element count of an array the schema does not let be null: a null one is malformed.</summary>
    public int RequiredArrayLength(int minElementBytes)
    {
        var count = ArrayLength(minElementBytes);
        return count >= 0 ? count : throw new KafkaProtocolException("a required array is null");
    }

    public int[] Int32Array()
    {
        var values = new int[RequiredArrayLength(4)];
        for (var i = 0; i < values.Length; i++) values[i] = Int32();
        return values;
    }

    public string[]? NullableStringArray()
    {
        var count = ArrayLength(Flexible ? 1 : 2);
        if (count < 0) return null;
        var values = new string[count];
        for (var i = 0; i < values.Length; i++) values[i] = String();
        return values;
    }

    public string[] StringArray() => NullableStringArray() ?? throw new KafkaProtocolException("a required array is null");

    /// <summary>Skips a struct's tagged fields in a flexible version (none is understood yet, so all are skipped).</summary>
    public void TaggedFields()
    {
        if (Flexible) SkipTaggedFields();
    }

    /// <summary>Skips tagged fields whatever the version: request header v2 has them although its client id is not compact.</summary>
    public void SkipTaggedFields()
    {
        var count = UnsignedVarint();
        for (var i = 0u; i < count; i++)
        {
            UnsignedVarint(); // tag
            var size = UnsignedVarint();
            if (size > Remaining) throw new KafkaProtocolException($"tagged field size {size} does not fit the {Remaining} bytes left");
            Take((int)size);
        }
    }

    /// <summary>A compact length: the unsigned varint holds length + 1, so 0 is null (-1).</summary>
    private long CompactLength() => (long)UnsignedVarint() - 1;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
            throw new KafkaProtocolException($"the request ends early: {count} bytes wanted at offset {_position}, {Remaining} left");
        var slice = _bytes.Slice(_position, count);
        _position += count;
        return slice;
    }
}
