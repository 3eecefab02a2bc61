using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Client.Metadata;

/// <summary>
/// What a client knows of the cluster: the broker nodes and, for each topic it asked about, its partitions and their
/// leaders. Immutable; a new snapshot replaces it on every accepted metadata response.
/// </summary>
internal sealed class ClusterMetadata
{
    private readonly Dictionary<string, BrokerNode> _nodes;
    private readonly Dictionary<string, TopicInfo> _topics;

    private ClusterMetadata(long version, Dictionary<string, BrokerNode> nodes, Dictionary<string, TopicInfo> topics)
    {
        Version = version;
        _nodes = nodes;
        _topics = topics;
    }

    public static ClusterMetadata Empty { get; } = new(-1, [], []);

    public long Version { get; }

    public IReadOnlyDictionary<string, BrokerNode> Nodes => _nodes;

    public TopicInfo? Topic(string name) => _topics.GetValueOrDefault(name);

    /// <summary>This snapshot with the response's nodes and topics; topics the response does not list keep what was known.</summary>
    public ClusterMetadata With(MetadataResponse response)
    {
        var nodes = response.Nodes.Count > 0 ? response.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal) : _nodes;
        var topics = new Dictionary<string, TopicInfo>(_topics, StringComparer.Ordinal);
        foreach (var topic in response.Topics) topics[topic.Name] = TopicInfo.From(topic);
        return new ClusterMetadata(Math.Max(Version, response.MetadataVersion), nodes, topics);
    }
}

/// <summary>A topic as the metadata describes it; <see cref="Partitions"/> is indexed by partition number.</summary>
internal sealed record TopicInfo(string Name, ErrorCode Error, PartitionInfo[] Partitions)
{
    public static TopicInfo From(TopicMetadata topic)
    {
        var count = topic.Partitions.Count == 0 ? 0 : topic.Partitions.Max(p => p.Partition) + 1;
        var partitions = new PartitionInfo[count];
        // A partition the response skips has no leader until it is listed.
        for (var i = 0; i < count; i++) partitions[i] = new PartitionInfo(null, -1, ErrorCode.LeaderNotAvailable);
        foreach (var p in topic.Partitions)
            if (p.Partition >= 0) partitions[p.Partition] = new PartitionInfo(p.Leader, p.LeaderEpoch, p.Error);
        return new TopicInfo(topic.Name, topic.Error, partitions);
    }

    /// <summary>A topic that exists and has partitions (its error may still be set for partitions without a leader).</summary>
    public bool IsUsable => Partitions.Length > 0 && Error is ErrorCode.None or ErrorCode.LeaderNotAvailable;
}

/// <summary>A partition's leader node id (null when offline) and leader epoch.</summary>
internal readonly record struct PartitionInfo(string? Leader, int LeaderEpoch, ErrorCode Error);
