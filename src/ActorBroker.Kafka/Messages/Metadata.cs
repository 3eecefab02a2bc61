using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Messages;

/// <summary>A topic asked for by name, or from v12 by id alone (<see cref="Name"/> null).</summary>
public sealed record MetadataRequestTopic(Guid TopicId, string? Name);

/// <summary>
/// Metadata (key 3) v1–v12: the topics to describe (null = all; from v1 an empty list means none), whether the
/// broker may create unknown ones (v4+), and whether to include authorized operations (v8+; the cluster's only to v10).
/// Flexible from v9; topic ids from v10, names nullable from v10 (used by id from v12).
/// </summary>
public sealed record MetadataRequest(
    IReadOnlyList<MetadataRequestTopic>? Topics,
    bool AllowAutoTopicCreation = true,
    bool IncludeClusterAuthorizedOperations = false,
    bool IncludeTopicAuthorizedOperations = false)
{
    public static MetadataRequest Read(ref KafkaReader reader, short version)
    {
        var count = reader.ArrayLength(minElementBytes: 1);
        List<MetadataRequestTopic>? topics = null;
        if (count >= 0)
        {
            topics = new List<MetadataRequestTopic>(count);
            for (var i = 0; i < count; i++)
            {
                var topicId = version >= 10 ? reader.Uuid() : Guid.Empty;
                var name = version >= 10 ? reader.NullableString() : reader.String();
                reader.TaggedFields();
                topics.Add(new MetadataRequestTopic(topicId, name));
            }
        }
        else if (version < 1)
        {
            throw new KafkaProtocolException("a v0 metadata request has a null topic array");
        }

        var allowAutoTopicCreation = version < 4 || reader.Boolean();
        var includeCluster = version is >= 8 and <= 10 && reader.Boolean();
        var includeTopic = version >= 8 && reader.Boolean();
        reader.TaggedFields();
        return new MetadataRequest(topics, allowAutoTopicCreation, includeCluster, includeTopic);
    }

    /// <summary>Writes the body as a client would (tests, tools).</summary>
    public void Write(KafkaWriter writer, short version)
    {
        if (Topics is null)
        {
            writer.ArrayLength(-1);
        }
        else
        {
            writer.ArrayLength(Topics.Count);
            foreach (var topic in Topics)
            {
                if (version >= 10) writer.Uuid(topic.TopicId);
                if (version >= 10) writer.NullableString(topic.Name);
                else writer.String(topic.Name ?? throw new InvalidOperationException($"Metadata v{version} asks for topics by name only"));
                writer.TaggedFields();
            }
        }

        if (version >= 4) writer.Boolean(AllowAutoTopicCreation);
        if (version is >= 8 and <= 10) writer.Boolean(IncludeClusterAuthorizedOperations);
        if (version >= 8) writer.Boolean(IncludeTopicAuthorizedOperations);
        writer.TaggedFields();
    }
}

/// <summary>A broker as Metadata lists it: its Kafka node id and where clients connect to it.</summary>
public sealed record MetadataResponseBroker(int NodeId, string Host, int Port, string? Rack = null);

/// <summary>
/// A partition: its error, leader (-1 when none), leader epoch (v7+), replicas, in-sync replicas and the replicas
/// whose nodes are not live (v5+), all as Kafka node ids.
/// </summary>
public sealed record MetadataResponsePartition(
    short ErrorCode, int PartitionIndex, int LeaderId, int LeaderEpoch, int[] ReplicaNodes, int[] IsrNodes, int[] OfflineReplicas);

/// <summary>A topic: its error, name (null only in v12+ answers for an unknown id), id (v10+) and partitions.</summary>
public sealed record MetadataResponseTopic(
    short ErrorCode, string? Name, Guid TopicId, bool IsInternal, IReadOnlyList<MetadataResponsePartition> Partitions,
    int TopicAuthorizedOperations = MetadataResponse.AuthorizedOperationsOmitted);

/// <summary>Metadata's response v1–v12 (see <see cref="MetadataRequest"/> for what each version adds).</summary>
public sealed record MetadataResponse(
    IReadOnlyList<MetadataResponseBroker> Brokers,
    string? ClusterId,
    int ControllerId,
    IReadOnlyList<MetadataResponseTopic> Topics,
    int ThrottleTimeMs = 0,
    int ClusterAuthorizedOperations = MetadataResponse.AuthorizedOperationsOmitted) : IKafkaResponse
{
    /// <summary>Kafka's value for authorized operations that were not asked for (or not computed).</summary>
    public const int AuthorizedOperationsOmitted = int.MinValue;

    public void Write(KafkaWriter writer, short version)
    {
        if (version >= 3) writer.Int32(ThrottleTimeMs);
        writer.ArrayLength(Brokers.Count);
        foreach (var broker in Brokers)
        {
            writer.Int32(broker.NodeId);
            writer.String(broker.Host);
            writer.Int32(broker.Port);
            if (version >= 1) writer.NullableString(broker.Rack);
            writer.TaggedFields();
        }

        if (version >= 2) writer.NullableString(ClusterId);
        if (version >= 1) writer.Int32(ControllerId);
        writer.ArrayLength(Topics.Count);
        foreach (var topic in Topics) WriteTopic(writer, topic, version);
        if (version is >= 8 and <= 10) writer.Int32(ClusterAuthorizedOperations);
        writer.TaggedFields();
    }

    private static void WriteTopic(KafkaWriter writer, MetadataResponseTopic topic, short version)
    {
        writer.Int16(topic.ErrorCode);
        // Before v12 the name may not be null; a topic asked for by id only exists from v12 on.
        if (version >= 12) writer.NullableString(topic.Name);
        else writer.String(topic.Name ?? "");
        if (version >= 10) writer.Uuid(topic.TopicId);
        if (version >= 1) writer.Boolean(topic.IsInternal);
        writer.ArrayLength(topic.Partitions.Count);
        foreach (var partition in topic.Partitions)
        {
            writer.Int16(partition.ErrorCode);
            writer.Int32(partition.PartitionIndex);
            writer.Int32(partition.LeaderId);
            if (version >= 7) writer.Int32(partition.LeaderEpoch);
            Int32s(writer, partition.ReplicaNodes);
            Int32s(writer, partition.IsrNodes);
            if (version >= 5) Int32s(writer, partition.OfflineReplicas);
            writer.TaggedFields();
        }

        if (version >= 8) writer.Int32(topic.TopicAuthorizedOperations);
        writer.TaggedFields();
    }

    private static void Int32s(KafkaWriter writer, int[] values)
    {
        writer.ArrayLength(values.Length);
        foreach (var value in values) writer.Int32(value);
    }
}
