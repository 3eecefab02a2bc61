using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>Produce's response (see <see cref="ProduceRequest"/>); with acks=0 the listener sends none.</summary>
public sealed record ProduceResponse(IReadOnlyList<ProduceTopicResponse> Topics, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.ArrayLength(Topics.Count);
        for (var t = 0; t < Topics.Count; t++)
        {
            var topic = Topics[t];
            writer.String(topic.Name);
            writer.ArrayLength(topic.Partitions.Count);
            for (var p = 0; p < topic.Partitions.Count; p++) topic.Partitions[p].Write(writer, version);
            writer.TaggedFields();
        }

        if (version >= 1) writer.Int32(ThrottleTimeMs);
        writer.TaggedFields();
    }
}

public sealed record ProduceTopicResponse(string Name, IReadOnlyList<ProducePartitionResponse> Partitions);

/// <param name="LogAppendTimeMs">-1 unless the topic stamps LogAppendTime (v2+).</param>
/// <param name="LogStartOffset">The partition's log start offset (v5+), -1 if unknown.</param>
/// <param name="RecordErrors">Per-record reasons a batch was dropped (v8+); null writes an empty array.</param>
/// <param name="ErrorMessage">A summary of <paramref name="ErrorCode"/> for the client's logs (v8+).</param>
public sealed record ProducePartitionResponse(
    int Index,
    short ErrorCode,
    long BaseOffset,
    long LogAppendTimeMs = -1,
    long LogStartOffset = -1,
    IReadOnlyList<ProduceRecordError>? RecordErrors = null,
    string? ErrorMessage = null)
{
    internal void Write(KafkaWriter writer, short version)
    {
        writer.Int32(Index);
        writer.Int16(ErrorCode);
        writer.Int64(BaseOffset);
        if (version >= 2) writer.Int64(LogAppendTimeMs);
        if (version >= 5) writer.Int64(LogStartOffset);
        if (version >= 8)
        {
            var errors = RecordErrors ?? [];
            writer.ArrayLength(errors.Count);
            for (var e = 0; e < errors.Count; e++)
            {
                writer.Int32(errors[e].BatchIndex);
                writer.NullableString(errors[e].Message);
                writer.TaggedFields();
            }

            writer.NullableString(ErrorMessage);
        }

        writer.TaggedFields();
    }
}

/// <param name="BatchIndex">The index of the offending record within its batch.</param>
public readonly record struct ProduceRecordError(int BatchIndex, string? Message);
