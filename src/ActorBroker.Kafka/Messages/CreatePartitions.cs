using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>CreatePartitions (key 37) v0–v3, flexible from v2: grows topics to a new partition count.</summary>
public sealed record CreatePartitionsRequest(IReadOnlyList<CreatePartitionsTopic> Topics, int TimeoutMs, bool ValidateOnly)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.CreatePartitions, 0, 3, 2);

    public static CreatePartitionsRequest Read(ref KafkaReader reader, short version)
    {
        var topics = new CreatePartitionsTopic[reader.RequiredArrayLength(minElementBytes: 6)];
        for (var t = 0; t < topics.Length; t++)
        {
            var name = reader.String();
            var count = reader.Int32();
            CreatePartitionsAssignment[]? assignments = null;
            var assignmentCount = reader.ArrayLength(minElementBytes: 1);
            if (assignmentCount >= 0)
            {
                assignments = new CreatePartitionsAssignment[assignmentCount];
                for (var a = 0; a < assignments.Length; a++)
                {
                    assignments[a] = new CreatePartitionsAssignment(reader.Int32Array());
                    reader.TaggedFields();
                }
            }

            topics[t] = new CreatePartitionsTopic(name, count, assignments);
            reader.TaggedFields();
        }

        var timeoutMs = reader.Int32();
        var validateOnly = reader.Boolean();
        reader.TaggedFields();
        return new CreatePartitionsRequest(topics, timeoutMs, validateOnly);
    }
}

/// <param name="Count">The partition count wanted in total, not the number added.</param>
/// <param name="Assignments">The replicas of each new partition, or null to let the broker place them.</param>
public sealed record CreatePartitionsTopic(string Name, int Count, IReadOnlyList<CreatePartitionsAssignment>? Assignments);

public sealed record CreatePartitionsAssignment(IReadOnlyList<int> BrokerIds);

public sealed record CreatePartitionsResponse(IReadOnlyList<CreatePartitionsTopicResult> Results, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Results.Count);
        foreach (var result in Results)
        {
            writer.String(result.Name);
            writer.Int16(result.ErrorCode);
            writer.NullableString(result.ErrorMessage);
            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}

public sealed record CreatePartitionsTopicResult(string Name, short ErrorCode, string? ErrorMessage = null);
