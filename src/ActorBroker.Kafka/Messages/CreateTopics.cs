using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>CreateTopics (key 19) v0–v7, flexible from v5; v7 answers with the new topic's id.</summary>
/// <param name="ValidateOnly">Check the request without creating anything (v1+).</param>
public sealed record CreateTopicsRequest(IReadOnlyList<CreatableTopic> Topics, int TimeoutMs, bool ValidateOnly)
{
    public static readonly ApiVersionRange Versions = new(ApiKey.CreateTopics, 0, 7, 5);

    public static CreateTopicsRequest Read(ref KafkaReader reader, short version)
    {
        var topics = new CreatableTopic[reader.RequiredArrayLength(minElementBytes: 9)];
        for (var t = 0; t < topics.Length; t++)
        {
            var name = reader.String();
            var numPartitions = reader.Int32();
            var replicationFactor = reader.Int16();
            var assignments = new CreatableReplicaAssignment[reader.RequiredArrayLength(minElementBytes: 5)];
            for (var a = 0; a < assignments.Length; a++)
            {
                assignments[a] = new CreatableReplicaAssignment(reader.Int32(), reader.Int32Array());
                reader.TaggedFields();
            }

            var configs = new CreatableTopicConfig[reader.RequiredArrayLength(minElementBytes: 2)];
            for (var c = 0; c < configs.Length; c++)
            {
                configs[c] = new CreatableTopicConfig(reader.String(), reader.NullableString());
                reader.TaggedFields();
            }

            topics[t] = new CreatableTopic(name, numPartitions, replicationFactor, assignments, configs);
            reader.TaggedFields();
        }

        var timeoutMs = reader.Int32();
        var validateOnly = version >= 1 && reader.Boolean();
        reader.TaggedFields();
        return new CreateTopicsRequest(topics, timeoutMs, validateOnly);
    }
}

/// <param name="NumPartitions">-1 (v4+) takes the broker's default, as does -1 for <paramref name="ReplicationFactor"/>;
/// both are -1 when <paramref name="Assignments"/> places the replicas by hand.</param>
public sealed record CreatableTopic(
    string Name,
    int NumPartitions,
    short ReplicationFactor,
    IReadOnlyList<CreatableReplicaAssignment> Assignments,
    IReadOnlyList<CreatableTopicConfig> Configs);

public sealed record CreatableReplicaAssignment(int PartitionIndex, IReadOnlyList<int> BrokerIds);

public sealed record CreatableTopicConfig(string Name, string? Value);

public sealed record CreateTopicsResponse(IReadOnlyList<CreatableTopicResult> Topics, int ThrottleTimeMs = 0) : IKafkaResponse
{
    public void Write(KafkaWriter writer, short version)
    {
        if (version >= 2) writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Topics.Count);
        foreach (var topic in Topics) topic.Write(writer, version);
        writer.TaggedFields();
    }
}

/// <param name="TopicId">The new topic's id (v7+), <see cref="Guid.Empty"/> on error.</param>
/// <param name="ErrorMessage">v1+.</param>
/// <param name="NumPartitions">What the topic got (v5+), -1 on error; likewise <paramref name="ReplicationFactor"/>.</param>
/// <param name="Configs">The topic's configs as created (v5+); null writes a null array.</param>
public sealed record CreatableTopicResult(
    string Name,
    Guid TopicId,
    short ErrorCode,
    string? ErrorMessage,
    int NumPartitions = -1,
    short ReplicationFactor = -1,
    IReadOnlyList<CreatableTopicConfigResult>? Configs = null)
{
    internal void Write(KafkaWriter writer, short version)
    {
        writer.String(Name);
        if (version >= 7) writer.Uuid(TopicId);
        writer.Int16(ErrorCode);
        if (version >= 1) writer.NullableString(ErrorMessage);
        if (version >= 5)
        {
            writer.Int32(NumPartitions);
            writer.Int16(ReplicationFactor);
            if (Configs is null) writer.ArrayLength(-1);
            else
            {
                writer.ArrayLength(Configs.Count);
                foreach (var config in Configs)
                {
                    writer.String(config.Name);
                    writer.NullableString(config.Value);
                    writer.Boolean(config.ReadOnly);
                    writer.Int8(config.ConfigSource);
                    writer.Boolean(config.IsSensitive);
                    writer.TaggedFields();
                }
            }
        }

        // The topic config error code (tag 0, v5+) is only set when configs could not be described: never written.
        writer.TaggedFields();
    }
}

/// <param name="ConfigSource">As in DescribeConfigs (<c>DescribeConfigsEntry.Sources</c>).</param>
public sealed record CreatableTopicConfigResult(string Name, string? Value, bool ReadOnly, sbyte ConfigSource, bool IsSensitive);
