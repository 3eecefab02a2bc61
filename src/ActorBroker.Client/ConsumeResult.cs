using System.Text;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Client;

/// <summary>
/// One record read by <see cref="ConsumerClient"/>. Key and value are slices of the fetched bytes (no copy); null is
/// distinct from empty, as in Kafka. The slices stay valid after the enumeration moves on.
/// </summary>
public readonly record struct ConsumeResult(
    TopicPartition TopicPartition, long Offset, long Timestamp, ReadOnlyMemory<byte>? Key, ReadOnlyMemory<byte>? Value, IReadOnlyList<RecordHeader> Headers)
{
    public string Topic => TopicPartition.Topic;

    public int Partition => TopicPartition.Partition;

    /// <summary>The key as UTF-8 text, or null.</summary>
    public string? KeyAsString() => Key is { } key ? Encoding.UTF8.GetString(key.Span) : null;

    /// <summary>The value as UTF-8 text, or null.</summary>
    public string? ValueAsString() => Value is { } value ? Encoding.UTF8.GetString(value.Span) : null;
}
