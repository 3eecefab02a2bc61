using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>
/// ListOffsets (key 2) v1–v7, flexible from v6: the offset of the first record at or after a timestamp, or the
/// earliest / latest offset. v0 (several old-style offsets per partition) and v8+ (tiered storage) are not served.
/// </summary>
/// <param name="ReplicaId">-1 for a consumer.</param>
/// <param name="IsolationLevel">0 read uncommitted, 1 read committed (v2+): latest means the last stable offset then.</param>
public sealed record ListOffsetsRequest(int ReplicaId, sbyte IsolationLevel, IReadOnlyList<ListOffsetsTopic> Topics)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.ListOffsets, 1, 7, 6);

    public static ListOffsetsRequest Read(ref KafkaReader reader, short version)
    {
        var replicaId = reader.Int32();
        var isolationLevel = version >= 2 ? reader.Int8() : (sbyte)0;
        var topics = new ListOffsetsTopic[reader.RequiredArrayLength(minElementBytes: 2)];
        for (var t = 0; t < topics.Length; t++)
        {
            var name = reader.String();
            var partitions = new ListOffsetsPartition[reader.RequiredArrayLength(minElementBytes: 12)];
            for (var p = 0; p < partitions.Length; p++)
            {
                var index = reader.Int32();
                var currentLeaderEpoch = version >= 4 ? reader.Int32() : -1;
                partitions[p] = new ListOffsetsPartition(index, currentLeaderEpoch, reader.Int64());
                reader.TaggedFields();
            }

            topics[t] = new ListOffsetsTopic(name, partitions);
            reader.TaggedFields();
        }

        reader.TaggedFields();
        return new ListOffsetsRequest(replicaId, isolationLevel, topics);
    }
}

public sealed record ListOffsetsTopic(string Name, IReadOnlyList<ListOffsetsPartition> Partitions);

/// <param name="CurrentLeaderEpoch">v4+, -1 if the client knows none: a stale one gets FENCED_LEADER_EPOCH.</param>
/// <param name="Timestamp">A time in ms, or <see cref="Latest"/>, <see cref="Earliest"/> or <see cref="MaxTimestamp"/>.</param>
public readonly record struct ListOffsetsPartition(int PartitionIndex, int CurrentLeaderEpoch, long Timestamp)
{
    public const long Latest = -1;
    public const long Earliest = -2;

    /// <summary>The offset of the record with the largest timestamp (v7+, KIP-734).</summary>
    public const long MaxTimestamp = -3;
}

public sealed record ListOffsetsResponse(IReadOnlyList<ListOffsetsTopicResponse> Topics, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        if (version >= 2) writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Topics.Count);
        for (var t = 0; t < Topics.Count; t++)
        {
            var topic = Topics[t];
            writer.String(topic.Name);
            writer.ArrayLength(topic.Partitions.Count);
            for (var p = 0; p < topic.Partitions.Count; p++)
            {
                var partition = topic.Partitions[p];
                writer.Int32(partition.PartitionIndex);
                writer.Int16(partition.ErrorCode);
                writer.Int64(partition.Timestamp);
                writer.Int64(partition.Offset);
                if (version >= 4) writer.Int32(partition.LeaderEpoch);
                writer.TaggedFields();
            }

            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}

public sealed record ListOffsetsTopicResponse(string Name, IReadOnlyList<ListOffsetsPartitionResponse> Partitions);

/// <param name="Timestamp">The found record's timestamp, -1 for earliest / latest.</param>
/// <param name="LeaderEpoch">The epoch of the found offset (v4+), -1 if unknown.</param>
public readonly record struct ListOffsetsPartitionResponse(int PartitionIndex, short ErrorCode, long Timestamp, long Offset, int LeaderEpoch = -1);
