using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// What the fake cluster says in its metadata: nodes (id and front actor path) and topics with each partition's
/// leader. Tests change it while clients run (move a leader, add a topic); every change bumps the metadata version.
/// Thread-safe: the test thread writes, the fake actors read.
/// </summary>
public sealed class ClusterModel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopicModel> _topics = new(StringComparer.Ordinal);
    private long _version = 1;
    private int _metadataRequests;

    /// <summary>Metadata requests answered so far.</summary>
    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public void AddNode(string id, IActorRef frontActor) => AddNode(id, frontActor.Path.ToString());

    public void AddNode(string id, string brokerPath)
    {
        lock (_lock)
        {
            _nodes[id] = brokerPath;
            _version++;
        }
    }

    /// <summary>Adds a topic whose partition i is led by <paramref name="leaders"/>[i] (null = offline).</summary>
    public void AddTopic(string name, params string?[] leaders)
    {
        lock (_lock)
        {
            _topics[name] = new TopicModel(Guid.NewGuid(), [.. leaders.Select(l => new PartitionModel(l, 0))]);
            _version++;
        }
    }

    public bool HasTopic(string name)
    {
        lock (_lock) return _topics.ContainsKey(name);
    }

    public void DeleteTopic(string name)
    {
        lock (_lock)
        {
            _topics.Remove(name);
            _version++;
        }
    }

    public void AddPartitions(string name, int totalCount, string? leader)
    {
        lock (_lock)
        {
            var topic = _topics[name];
            while (topic.Partitions.Count < totalCount) topic.Partitions.Add(new PartitionModel(leader, 0));
            _version++;
        }
    }

    /// <summary>Moves a partition's leadership (null = offline); the leader epoch grows.</summary>
    public void SetLeader(string topic, int partition, string? leader)
    {
        lock (_lock)
        {
            var partitions = _topics[topic].Partitions;
            partitions[partition] = new PartitionModel(leader, partitions[partition].Epoch + 1);
            _version++;
        }
    }

    public string? LeaderOf(TopicPartition partition)
    {
        lock (_lock)
            return _topics.TryGetValue(partition.Topic, out var topic) && partition.Partition < topic.Partitions.Count
                ? topic.Partitions[partition.Partition].Leader
                : null;
    }

    public bool Exists(TopicPartition partition)
    {
        lock (_lock) return _topics.TryGetValue(partition.Topic, out var topic) && partition.Partition >= 0 && partition.Partition < topic.Partitions.Count;
    }

    public IReadOnlyList<string> NodeIds
    {
        get
        {
            lock (_lock) return [.. _nodes.Keys];
        }
    }

    public MetadataResponse Describe(IReadOnlyList<string>? names, long correlationId)
    {
        Interlocked.Increment(ref _metadataRequests);
        lock (_lock)
        {
            var nodes = _nodes.Select(n => new BrokerNode(n.Key, n.Value)).ToList();
            var topics = (names ?? [.. _topics.Keys]).Select(name => _topics.TryGetValue(name, out var t)
                ? new TopicMetadata(name, t.Id, ErrorCode.None,
                    [.. t.Partitions.Select((p, i) => new PartitionMetadata(i, p.Leader is null ? ErrorCode.LeaderNotAvailable : ErrorCode.None,
                        p.Leader, p.Epoch, p.Leader is null ? [] : [p.Leader], p.Leader is null ? [] : [p.Leader]))],
                    new Dictionary<string, string>())
                : new TopicMetadata(name, Guid.Empty, ErrorCode.UnknownTopicOrPartition, [], new Dictionary<string, string>())).ToList();
            return new MetadataResponse(nodes, topics, _version, correlationId);
        }
    }

    private sealed record TopicModel(Guid Id, List<PartitionModel> Partitions);

    private sealed record PartitionModel(string? Leader, int Epoch);
}
