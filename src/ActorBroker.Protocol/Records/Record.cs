namespace ActorBroker.Protocol.Records;

/// <summary>
/// One record read out of a <see cref="RecordBatch"/>. Key, value and header values are slices of the batch's
/// bytes (no copy); a null key or value is distinct from an empty one, as in Kafka.
/// </summary>
public readonly record struct Record(
    long Offset, long Timestamp, ReadOnlyMemory<byte>? Key, ReadOnlyMemory<byte>? Value, IReadOnlyList<RecordHeader> Headers);

/// <summary>A record header: a UTF-8 key and an optional binary value.</summary>
public readonly record struct RecordHeader(string Key, ReadOnlyMemory<byte>? Value);
