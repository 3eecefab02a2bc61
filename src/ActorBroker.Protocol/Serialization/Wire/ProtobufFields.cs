namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// Walks the top-level fields of protobuf bytes: just enough to look at a few fields of Akka's messages before Akka
/// deserializes them. <see cref="Next"/> hands out the length-delimited fields (strings, bytes, messages),
/// <see cref="NextAny"/> every field. Stops, setting <see cref="Malformed"/>, at anything it cannot skip.
/// </summary>
internal ref struct ProtobufFields(ReadOnlySpan<byte> bytes)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private ReadOnlySpan<byte> _rest = bytes;

    public bool Malformed { get; private set; }

    /// <summary>The next length-delimited field's number and bytes; other fields are skipped.</summary>
    public bool Next(out int field, out ReadOnlySpan<byte> value)
    {
        while (NextAny(out field, out var wireType, out _, out value))
            if (wireType == LengthDelimited) return true;
        return false;
    }

    /// <summary>
    /// The next field: its number and wire type, and its value, a number (<paramref name="scalar"/>: varints and
    /// fixed-size fields) or bytes (<paramref name="bytes"/>: length-delimited fields).
    /// </summary>
    public bool NextAny(out int field, out int wireType, out ulong scalar, out ReadOnlySpan<byte> bytes)
    {
        scalar = 0;
        bytes = default;
        wireType = 0;
        if (_rest.IsEmpty)
        {
            field = 0;
            return false;
        }

        if (!TryVarint(out var key) || key >> 3 is 0 or > int.MaxValue) return Fail(out field, out bytes);
        field = (int)(key >> 3);
        wireType = (int)(key & 7);
        switch (wireType)
        {
            case Varint:
                if (!TryVarint(out scalar)) return Fail(out field, out bytes);
                return true;
            case Fixed64:
                if (_rest.Length < 8) return Fail(out field, out bytes);
                scalar = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(_rest);
                _rest = _rest[8..];
                return true;
            case Fixed32:
                if (_rest.Length < 4) return Fail(out field, out bytes);
                scalar = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_rest);
                _rest = _rest[4..];
                return true;
            case LengthDelimited:
                if (!TryVarint(out var length) || length > (ulong)_rest.Length) return Fail(out field, out bytes);
                bytes = _rest[..(int)length];
                _rest = _rest[(int)length..];
                return true;
            default:
                return Fail(out field, out bytes);
        }
    }

    private bool Fail(out int field, out ReadOnlySpan<byte> value)
    {
        Malformed = true;
        _rest = default;
        field = 0;
        value = default;
        return false;
    }

    private bool TryVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && !_rest.IsEmpty; shift += 7)
        {
            var b = _rest[0];
            _rest = _rest[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return true;
        }

        return false;
    }
}
