using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorBroker.Kafka.Wire;

/// <summary>
/// Writes one size-prefixed Kafka frame (the int32 size is patched in by <see cref="Frame"/>) into a buffer rented
/// from the shared pool, so the hot path allocates no per-response arrays. <see cref="Flexible"/> selects the
/// compact encodings of flexible versions, as in <see cref="KafkaReader"/>. Dispose returns the buffer.
/// </summary>
public sealed class KafkaWriter : IDisposable
{
    private const int SizePrefix = 4;
    private byte[] _buffer;
    private int _length = SizePrefix;

    public KafkaWriter(bool flexible, int initialCapacity = 256)
    {
        Flexible = flexible;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 16));
    }

    public bool Flexible { get; set; }

    /// <summary>Bytes written after the size prefix.</summary>
    public int BodyLength => _length - SizePrefix;

    public void Int8(sbyte value) => Span(1)[0] = (byte)value;

    public void Boolean(bool value) => Span(1)[0] = value ? (byte)1 : (byte)0;

    public void Int16(short value) => BinaryPrimitives.WriteInt16BigEndian(Span(2), value);

    public void Int32(int value) => BinaryPrimitives.WriteInt32BigEndian(Span(4), value);

    public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Span(8), value);

    public void Uuid(Guid value) => value.TryWriteBytes(Span(16), bigEndian: true, out _);

    public void UnsignedVarint(uint value)
    {
        while (value >= 0x80)
        {
            Span(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Span(1)[0] = (byte)value;
    }

    public void String(string value) => NullableString(value ?? throw new ArgumentNullException(nameof(value)));

    public void NullableString(string? value)
    {
        if (value is null)
        {
            Length(-1, compactInt16: true);
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        if (!Flexible && count > short.MaxValue) throw new ArgumentException($"a string of {count} bytes does not fit a Kafka STRING");
        Length(count, compactInt16: true);
        Encoding.UTF8.GetBytes(value, Span(count));
    }

    public void NullableBytes(ReadOnlySpan<byte> value, bool isNull = false)
    {
        if (isNull)
        {
            Length(-1, compactInt16: false);
            return;
        }

        Length(value.Length, compactInt16: false);
        value.CopyTo(Span(value.Length));
    }

    /// <summary>
    /// The length of a byte array whose bytes the caller then writes with <see cref="Raw"/>: a fetch response's record
    /// set is written batch by batch, never joined into one array first.
    /// </summary>
    public void BytesLength(int length) => Length(length, compactInt16: false);

    /// <summary>An array's element count, -1 for null; the caller writes the elements.</summary>
    public void ArrayLength(int count) => Length(count, compactInt16: false);

    /// <summary>An empty set of tagged fields (flexible versions only).</summary>
    public void TaggedFields()
    {
        if (Flexible) UnsignedVarint(0);
    }

    /// <summary>Raw bytes, such as record batches, that the format puts in place without a length of their own.</summary>
    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Span(bytes.Length));

    /// <summary>
    /// Reserves room for a length written later (<see cref="PatchInt32"/>): a record set's size is known only once
    /// its batches are written.
    /// </summary>
    public int ReserveInt32()
    {
        var at = _length;
        Span(4);
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(at, 4), value);

    /// <summary>The finished frame: the int32 size of everything after it, then the body.</summary>
    public ReadOnlyMemory<byte> Frame()
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer, _length - SizePrefix);
        return _buffer.AsMemory(0, _length);
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>Compact (unsigned varint of length + 1) when flexible; else int16 for strings and int32 for the rest.</summary>
    private void Length(int length, bool compactInt16)
    {
        if (Flexible) UnsignedVarint((uint)(length + 1));
        else if (compactInt16) Int16((short)length);
        else Int32(length);
    }

    private Span<byte> Span(int count)
    {
        if (_length + count > _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + count));
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
