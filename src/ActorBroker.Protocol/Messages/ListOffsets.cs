namespace ActorBroker.Protocol.Messages;

/// <summary>
/// Asks a partition for an offset: <see cref="Earliest"/>, <see cref="Latest"/> (the next offset to be written,
/// below the high watermark for consumers), <see cref="MaxTimestamp"/> (the record with the largest timestamp), or the
/// first offset whose record timestamp is at or after <paramref name="Timestamp"/> (milliseconds since the Unix epoch).
/// </summary>
public sealed record ListOffsetsRequest(TopicPartition Partition, long Timestamp, long CorrelationId)
{
    public const long Latest = -1;
    public const long Earliest = -2;

    /// <summary>The first record with the largest timestamp below the high watermark (Kafka's KIP-734).</summary>
    public const long MaxTimestamp = -3;
}

/// <summary>The offset found and the timestamp of its record; offset -1 when no record is that recent.</summary>
public sealed record ListOffsetsResponse(TopicPartition Partition, ErrorCode Error, long Timestamp, long Offset, string? ErrorMessage, long CorrelationId);
