using System.Buffers.Binary;
using System.Text;
using L = ActorBroker.Protocol.Records.RecordBatchLayout;

namespace ActorBroker.Protocol.Records;

/// <summary>
/// A batch of records in Kafka's v2 binary layout: the unit that producers send, partitions append and
/// journal as one event, and fetches return. The producer encodes it once (<see cref="RecordBatchBuilder"/>);
/// the broker checks it (<see cref="Validate"/>), stamps its base offset and leader epoch
/// (<see cref="WithOffsets"/>) and stores the bytes as they are. Header properties require at least
/// <see cref="HeaderSize"/> bytes: call <see cref="Validate"/> on bytes from the network before reading them.
/// </summary>
public sealed class RecordBatch
{
    public const int HeaderSize = L.Records;

    private readonly ReadOnlyMemory<byte> _bytes;

    /// <summary>Wraps encoded bytes without copying or checking them.</summary>
    public RecordBatch(ReadOnlyMemory<byte> bytes) => _bytes = bytes;

    public ReadOnlyMemory<byte> Bytes => _bytes;

    public int SizeInBytes => _bytes.Length;

    public long BaseOffset => BinaryPrimitives.ReadInt64BigEndian(Span[L.BaseOffset..]);
    public int PartitionLeaderEpoch => BinaryPrimitives.ReadInt32BigEndian(Span[L.PartitionLeaderEpoch..]);
    public byte Magic => Span[L.Magic];
    public uint Crc => BinaryPrimitives.ReadUInt32BigEndian(Span[L.Crc..]);
    public short Attributes => BinaryPrimitives.ReadInt16BigEndian(Span[L.Attributes..]);
    public int LastOffsetDelta => BinaryPrimitives.ReadInt32BigEndian(Span[L.LastOffsetDelta..]);
    public long BaseTimestamp => BinaryPrimitives.ReadInt64BigEndian(Span[L.BaseTimestamp..]);
    public long MaxTimestamp => BinaryPrimitives.ReadInt64BigEndian(Span[L.MaxTimestamp..]);
    public long ProducerId => BinaryPrimitives.ReadInt64BigEndian(Span[L.ProducerId..]);
    public short ProducerEpoch => BinaryPrimitives.ReadInt16BigEndian(Span[L.ProducerEpoch..]);
    public int BaseSequence => BinaryPrimitives.ReadInt32BigEndian(Span[L.BaseSequence..]);
    public int RecordCount => BinaryPrimitives.ReadInt32BigEndian(Span[L.RecordCount..]);

    /// <summary>Offset of the last record in the batch.</summary>
    public long LastOffset => BaseOffset + LastOffsetDelta;

    /// <summary>The offset the next batch of the partition will get.</summary>
    public long NextOffset => LastOffset + 1;

    private ReadOnlySpan<byte> Span => _bytes.Span;

    /// <summary>
    /// Checks the batch as a broker must before appending it: size against <paramref name="maxBatchBytes"/>
    /// (the topic's <c>max.message.bytes</c>), header fields, CRC-32C, and that every record parses, in offset
    /// order, exactly to the end. Returns <see cref="ErrorCode.None"/> or the typed reason with an explanation.
    /// </summary>
    public (ErrorCode Error, string? Message) Validate(int maxBatchBytes)
    {
        if (_bytes.Length > maxBatchBytes)
            return (ErrorCode.RecordTooLarge, $"batch of {_bytes.Length} bytes is larger than max.message.bytes={maxBatchBytes}");
        if (_bytes.Length < HeaderSize)
            return (ErrorCode.CorruptMessage, $"batch of {_bytes.Length} bytes is shorter than the {HeaderSize}-byte header");
        var declared = BinaryPrimitives.ReadInt32BigEndian(Span[L.BatchLength..]);
        if (declared != _bytes.Length - L.LogOverhead)
            return (ErrorCode.CorruptMessage, $"batch length field says {declared} bytes but {_bytes.Length - L.LogOverhead} follow it");
        if (Magic != L.CurrentMagic)
            return (ErrorCode.CorruptMessage, $"unsupported batch format (magic {Magic}, expected {L.CurrentMagic})");
        var crc = Crc32C.Compute(Span[L.Attributes..]);
        if (crc != Crc)
            return (ErrorCode.CorruptMessage, $"CRC mismatch: batch says {Crc:x8}, content gives {crc:x8}");
        if ((Attributes & L.CompressionMask) != 0)
            return (ErrorCode.UnsupportedCompressionType, $"compression type {Attributes & L.CompressionMask} is not supported; send uncompressed batches");
        var count = RecordCount;
        if (count < 1 || count > (_bytes.Length - HeaderSize) / MinRecordSize)
            return (ErrorCode.CorruptMessage, $"implausible record count {count}");
        if (LastOffsetDelta != count - 1)
            return (ErrorCode.CorruptMessage, $"last offset delta {LastOffsetDelta} does not match {count} records");

        var position = HeaderSize;
        for (var expectedDelta = 0; expectedDelta < count; expectedDelta++)
        {
            if (!TryReadRecord(ref position, 0, 0, materializeHeaders: false, out var record, out var error))
                return (ErrorCode.CorruptMessage, $"record {expectedDelta}: {error}");
            if (record.Offset != expectedDelta)
                return (ErrorCode.CorruptMessage, $"record {expectedDelta} has offset delta {record.Offset}; deltas must be 0, 1, 2, ...");
        }
        return position == _bytes.Length
            ? (ErrorCode.None, null)
            : (ErrorCode.CorruptMessage, $"{_bytes.Length - position} bytes follow the last record");
    }

    /// <summary>
    /// A copy of this batch, owned by the caller, with the base offset and leader epoch the partition assigned.
    /// Both fields lie outside the CRC, so nothing else changes; the copy keeps the producer's buffer untouched.
    /// </summary>
    public RecordBatch WithOffsets(long baseOffset, int partitionLeaderEpoch)
    {
        var copy = _bytes.ToArray();
        BinaryPrimitives.WriteInt64BigEndian(copy.AsSpan(L.BaseOffset), baseOffset);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(L.PartitionLeaderEpoch), partitionLeaderEpoch);
        return new RecordBatch(copy);
    }

    /// <summary>The records with their absolute offsets and timestamps. The batch must be valid.</summary>
    public RecordEnumerable Records => new(this);

    /// <summary>
    /// Splits bytes holding whole batches back to back (as journals and fetch responses carry them) into batches
    /// that share the buffer. Throws <see cref="InvalidDataException"/> on a truncated batch.
    /// </summary>
    public static List<RecordBatch> SplitConcatenated(ReadOnlyMemory<byte> bytes)
    {
        var batches = new List<RecordBatch>();
        while (!bytes.IsEmpty)
        {
            if (bytes.Length < L.LogOverhead) throw new InvalidDataException($"{bytes.Length} trailing bytes are not a batch");
            var size = BinaryPrimitives.ReadInt32BigEndian(bytes.Span[L.BatchLength..]) + L.LogOverhead;
            if (size < HeaderSize || size > bytes.Length) throw new InvalidDataException($"batch size {size} does not fit the {bytes.Length} bytes left");
            batches.Add(new RecordBatch(bytes[..size]));
            bytes = bytes[size..];
        }
        return batches;
    }

    // attributes, timestamp delta, offset delta, key length, value length, header count: one byte each at least, plus the length prefix.
    private const int MinRecordSize = 7;

    internal bool TryReadRecord(ref int position, long baseOffset, long baseTimestamp, bool materializeHeaders, out Record record, out string? error)
    {
        record = default;
        var span = Span;
        if (!ReadVarint(span, ref position, out var length, out error)) return false;
        if (length < MinRecordSize - 1 || length > span.Length - position)
        {
            error = $"record length {length} does not fit the {span.Length - position} bytes left";
            return false;
        }
        var end = position + length;
        var body = span[..end];
        position++; // attributes: unused in format v2
        if (!ReadVarlong(body, ref position, out var timestampDelta, out error)
            || !ReadVarint(body, ref position, out var offsetDelta, out error)
            || !ReadBytes(body, ref position, out var key, out error)
            || !ReadBytes(body, ref position, out var value, out error)
            || !ReadVarint(body, ref position, out var headerCount, out error))
            return false;
        if (headerCount < 0 || headerCount > end - position)
        {
            error = $"implausible header count {headerCount}";
            return false;
        }
        IReadOnlyList<RecordHeader> headers = [];
        var parsed = materializeHeaders && headerCount > 0 ? new RecordHeader[headerCount] : null;
        for (var h = 0; h < headerCount; h++)
        {
            if (!ReadBytes(body, ref position, out var headerKey, out error) || !ReadBytes(body, ref position, out var headerValue, out error)) return false;
            if (headerKey is null)
            {
                error = "header key is null";
                return false;
            }
            if (parsed is not null) parsed[h] = new RecordHeader(Encoding.UTF8.GetString(headerKey.Value.Span), headerValue);
        }
        if (parsed is not null) headers = parsed;
        if (position != end)
        {
            error = $"record length says {length} bytes but its fields take {length - (end - position)}";
            return false;
        }
        record = new Record(baseOffset + offsetDelta, baseTimestamp + timestampDelta, key, value, headers);
        return true;
    }

    private bool ReadBytes(ReadOnlySpan<byte> body, ref int position, out ReadOnlyMemory<byte>? bytes, out string? error)
    {
        bytes = null;
        if (!ReadVarint(body, ref position, out var length, out error)) return false;
        if (length < -1 || length > body.Length - position)
        {
            error = $"field length {length} does not fit the {body.Length - position} bytes left";
            return false;
        }
        if (length >= 0)
        {
            bytes = _bytes.Slice(position, length);
            position += length;
        }
        return true;
    }

    private static bool ReadVarint(ReadOnlySpan<byte> span, ref int position, out int value, out string? error)
    {
        if (Varint.TryReadInt32(span[position..], out value, out var read))
        {
            position += read;
            error = null;
            return true;
        }
        error = $"bad varint at byte {position}";
        return false;
    }

    private static bool ReadVarlong(ReadOnlySpan<byte> span, ref int position, out long value, out string? error)
    {
        if (Varint.TryReadInt64(span[position..], out value, out var read))
        {
            position += read;
            error = null;
            return true;
        }
        error = $"bad varlong at byte {position}";
        return false;
    }

    public override string ToString() =>
        _bytes.Length < HeaderSize ? $"RecordBatch({_bytes.Length} bytes, truncated)" : $"RecordBatch(offsets {BaseOffset}..{LastOffset}, {RecordCount} records, {_bytes.Length} bytes)";
}

/// <summary>Enumerates a valid batch's records without boxing; a malformed batch throws <see cref="InvalidDataException"/>.</summary>
public readonly struct RecordEnumerable(RecordBatch batch)
{
    public Enumerator GetEnumerator() => new(batch);

    public struct Enumerator(RecordBatch batch)
    {
        private readonly long _baseOffset = batch.BaseOffset;
        private readonly long _baseTimestamp = batch.BaseTimestamp;
        private readonly int _count = batch.RecordCount;
        private int _position = RecordBatch.HeaderSize;
        private int _index;

        public Record Current { get; private set; }

        public bool MoveNext()
        {
            if (_index >= _count) return false;
            if (!batch.TryReadRecord(ref _position, _baseOffset, _baseTimestamp, materializeHeaders: true, out var record, out var error))
                throw new InvalidDataException($"{batch}: record {_index}: {error}");
            Current = record;
            _index++;
            return true;
        }
    }
}
