namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// Walks the top-level fields of protobuf bytes, handing out the length-delimited ones (strings, bytes, messages):
/// just enough to look at a few fields of Akka's messages before Akka deserializes them. Stops, setting
/// <see cref="Malformed"/>, at anything it cannot skip.
/// </summary>
internal ref struct ProtobufFields(ReadOnlySpan<byte> bytes)
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private ReadOnlySpan<byte> _rest = bytes;

    public bool Malformed { get; private set; }

    /// <summary>The next length-delimited field's number and bytes; other fields are skipped.</summary>
    public bool Next(out int field, out ReadOnlySpan<byte> value)
    {
        while (!_rest.IsEmpty)
        {
            if (!TryVarint(out var key) || key >> 3 is 0 or > int.MaxValue) return Fail(out field, out value);
            field = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case Varint:
                    if (!TryVarint(out _)) return Fail(out field, out value);
                    break;
                case Fixed64:
                    if (!TrySkip(8)) return Fail(out field, out value);
                    break;
                case Fixed32:
                    if (!TrySkip(4)) return Fail(out field, out value);
                    break;
                case LengthDelimited:
                    if (!TryVarint(out var length) || length > (ulong)_rest.Length) return Fail(out field, out value);
                    value = _rest[..(int)length];
                    _rest = _rest[(int)length..];
                    return true;
                default:
                    return Fail(out field, out value);
            }
        }

        field = 0;
        value = default;
        return false;
    }

    private bool Fail(out int field, out ReadOnlySpan<byte> value)
    {
        Malformed = true;
        _rest = default;
        field = 0;
        value = default;
        return false;
    }

    private bool TrySkip(int count)
    {
        if (_rest.Length < count) return false;
        _rest = _rest[count..];
        return true;
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
