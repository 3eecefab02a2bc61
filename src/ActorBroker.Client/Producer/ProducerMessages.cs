using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Producer;

/// <summary>
/// Sends one record to <paramref name="Topic"/>. The sender gets exactly one reply: <see cref="DeliveryReport"/> once
/// the record is stored as <c>acks</c> requires, or <see cref="DeliveryFailed"/>. Without a sender nobody is told.
/// </summary>
/// <param name="Key">Null for no key; the partition is then chosen by sticky partitioning.</param>
/// <param name="Value">Null for a tombstone.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch; null takes the time of arrival at the producer.</param>
/// <param name="Partition">An explicit partition; null lets the key (murmur2) or sticky partitioning choose.</param>
public sealed record Produce(
    string Topic, byte[]? Key, byte[]? Value, IReadOnlyList<RecordHeader>? Headers = null, long? Timestamp = null, int? Partition = null);

/// <summary>
/// The record is stored: its partition, offset and timestamp (the broker's log-append time when the topic uses it).
/// With acks=0 the offset is -1, since no broker answered.
/// </summary>
public sealed record DeliveryReport(string Topic, int Partition, long Offset, long Timestamp);

/// <summary>
/// The record was not stored, or its outcome is unknown (a timeout after it was sent): the error code with Kafka's
/// meaning and why. <paramref name="Partition"/> is -1 when the record failed before a partition was chosen.
/// Errors the producer raises itself: RecordTooLarge (larger than max.request.size or buffer.memory),
/// RequestTimedOut (delivery.timeout passed, or buffer memory stayed full for max.block), UnknownTopicOrPartition
/// (the topic did not appear in the metadata within max.block), InvalidTopic, and UnknownServerError when the
/// producer stopped before the outcome was known.
/// </summary>
public sealed record DeliveryFailed(string Topic, int Partition, ErrorCode Error, string Message)
{
    public BrokerException ToException() => new(Error, Message);
}

/// <summary>Completes every record accepted before it (sending lingering batches at once); answered with <see cref="Flushed"/>.</summary>
public sealed record Flush
{
    public static readonly Flush Instance = new();
}

/// <summary>Every record accepted before the <see cref="Flush"/> has its outcome (delivered or failed).</summary>
public sealed record Flushed
{
    public static readonly Flushed Instance = new();
}
