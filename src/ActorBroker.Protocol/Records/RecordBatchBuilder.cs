using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using L = ActorBroker.Protocol.Records.RecordBatchLayout;

namespace ActorBroker.Protocol.Records;

/// <summary>
/// Encodes records into one <see cref="RecordBatch"/>, once, on the producer side. Records are written straight
/// into a pooled buffer; <see cref="Build"/> copies the finished batch into an array of its exact size and
/// resets the builder for the next batch. Not thread-safe: one builder per partition accumulator.
/// </summary>
public sealed class RecordBatchBuilder : IDisposable
{
    private readonly int _maxBatchBytes;
    private byte[] _buffer;
    private int _length;
    private int _count;
    private long _baseTimestamp;
    private long _maxTimestamp;

    /// <param name="maxBatchBytes">
    /// Soft limit (the producer's <c>batch.size</c>): <see cref="TryAppend(long, byte[], byte[], IReadOnlyList{RecordHeader})"/>
    /// refuses a record that would pass it, except the first, so that a large record still gets a batch of its own.
    /// </param>
    public RecordBatchBuilder(int maxBatchBytes = 16 * 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchBytes, RecordBatch.HeaderSize + 8);
        _maxBatchBytes = maxBatchBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBatchBytes, 64 * 1024));
        Reset();
    }

    /// <summary>Producer id, epoch and base sequence for idempotent producers; -1 (none) by default.</summary>
    public long ProducerId { get; set; } = -1;
    public short ProducerEpoch { get; set; } = -1;
    public int BaseSequence { get; set; } = -1;

    public int Count => _count;

    public bool IsEmpty => _count == 0;

    /// <summary>Bytes the batch would have if built now.</summary>
    public int SizeInBytes => _length;

    /// <summary>Appends a record; a null key or value stays null (not empty). False when the batch is full.</summary>
    public bool TryAppend(long timestamp, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers = null) =>
        TryAppend(timestamp, key, key is not null, value, value is not null, headers);

    /// <summary>Appends a record from spans; <paramref name="hasKey"/> / <paramref name="hasValue"/> false mean null.</summary>
    public bool TryAppend(long timestamp, ReadOnlySpan<byte> key, bool hasKey, ReadOnlySpan<byte> value, bool hasValue, IReadOnlyList<RecordHeader>? headers = null)
    {
        if (_count == int.MaxValue) return false;
        if (_count == 0) _baseTimestamp = timestamp;
        var timestampDelta = timestamp - _baseTimestamp;
        var keyLength = hasKey ? key.Length : -1;
        var valueLength = hasValue ? value.Length : -1;

        var bodySize = 1 + Varint.SizeOf(timestampDelta) + Varint.SizeOf(_count)
            + Varint.SizeOf(keyLength) + Math.Max(keyLength, 0)
            + Varint.SizeOf(valueLength) + Math.Max(valueLength, 0)
            + Varint.SizeOf(headers?.Count ?? 0);
        if (headers is not null)
            foreach (var header in headers)
            {
                var keyBytes = Encoding.UTF8.GetByteCount(header.Key);
                var headerValueLength = header.Value?.Length ?? -1;
                bodySize += Varint.SizeOf(keyBytes) + keyBytes + Varint.SizeOf(headerValueLength) + Math.Max(headerValueLength, 0);
            }
        var recordSize = Varint.SizeOf(bodySize) + bodySize;
        if (_count > 0 && _length + recordSize > _maxBatchBytes) return false;

        EnsureCapacity(_length + recordSize);
        var span = _buffer.AsSpan(_length, recordSize);
        var p = Varint.Write(span, bodySize);
        span[p++] = 0; // attributes
        p += Varint.Write(span[p..], timestampDelta);
        p += Varint.Write(span[p..], _count);
        p += WriteBytes(span[p..], key, keyLength);
        p += WriteBytes(span[p..], value, valueLength);
        p += Varint.Write(span[p..], headers?.Count ?? 0);
        if (headers is not null)
            foreach (var header in headers)
            {
                var keyBytes = Encoding.UTF8.GetByteCount(header.Key);
                p += Varint.Write(span[p..], keyBytes);
                p += Encoding.UTF8.GetBytes(header.Key, span[p..]);
                p += WriteBytes(span[p..], header.Value is { } v ? v.Span : default, header.Value?.Length ?? -1);
            }

        _length += recordSize;
        _count++;
        _maxTimestamp = _count == 1 ? timestamp : Math.Max(_maxTimestamp, timestamp);
        return true;
    }

    /// <summary>Finishes the batch (header and CRC) into an exactly sized array and resets the builder.</summary>
    public RecordBatch Build()
    {
        if (_count == 0) throw new InvalidOperationException("cannot build an empty record batch");
        var bytes = _buffer.AsSpan(0, _length);
        BinaryPrimitives.WriteInt64BigEndian(bytes[L.BaseOffset..], 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes[L.BatchLength..], _length - L.LogOverhead);
        BinaryPrimitives.WriteInt32BigEndian(bytes[L.PartitionLeaderEpoch..], -1);
        bytes[L.Magic] = L.CurrentMagic;
        BinaryPrimitives.WriteInt16BigEndian(bytes[L.Attributes..], 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes[L.LastOffsetDelta..], _count - 1);
        BinaryPrimitives.WriteInt64BigEndian(bytes[L.BaseTimestamp..], _baseTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes[L.MaxTimestamp..], _maxTimestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes[L.ProducerId..], ProducerId);
        BinaryPrimitives.WriteInt16BigEndian(bytes[L.ProducerEpoch..], ProducerEpoch);
        BinaryPrimitives.WriteInt32BigEndian(bytes[L.BaseSequence..], BaseSequence);
        BinaryPrimitives.WriteInt32BigEndian(bytes[L.RecordCount..], _count);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[L.Crc..], Crc32C.Compute(bytes[L.Attributes..]));
        var batch = new RecordBatch(bytes.ToArray());
        Reset();
        return batch;
    }

    /// <summary>Drops the records appended so far.</summary>
    public void Reset()
    {
        _length = RecordBatch.HeaderSize;
        _count = 0;
        _baseTimestamp = 0;
        _maxTimestamp = 0;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    private static int WriteBytes(Span<byte> destination, ReadOnlySpan<byte> bytes, int length)
    {
        var p = Varint.Write(destination, length);
        if (length <= 0) return p;
        bytes.CopyTo(destination[p..]);
        return p + length;
    }

    private void EnsureCapacity(int needed)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        if (needed <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
