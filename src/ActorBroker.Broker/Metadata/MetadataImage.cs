using System.Text.Json.Serialization;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Metadata;

/// <summary>
/// Everything a node needs to know about the cluster's topics, as the controller published it: immutable and whole
/// (images are small, and a whole image never needs a missed delta). Nodes answer metadata requests, route requests
/// and create partition entities from the newest image they have.
/// </summary>
/// <param name="Version">
/// Grows with every published change, across controller failover too: the controller epoch is in the high 32 bits
/// and a change counter in the low 32 bits.
/// </param>
/// <param name="ControllerEpoch">The epoch of the controller that published it; images of an older epoch are stale.</param>
/// <param name="Nodes">The broker nodes that are Up, by id.</param>
/// <param name="Topics">The topics, by name.</param>
/// <param name="DeletingTopics">
/// Topics being deleted: gone for clients, but kept here until their partitions have deleted their logs, so the
/// node can still create a partition entity that receives the order to delete.
/// </param>
public sealed record MetadataImage(
    long Version,
    int ControllerEpoch,
    IReadOnlyList<BrokerNode> Nodes,
    IReadOnlyDictionary<string, TopicImage> Topics,
    IReadOnlyDictionary<string, TopicImage> DeletingTopics)
{
    /// <summary>Users' credentials and the ACLs; empty in images stored before they existed.</summary>
    public SecurityImage Security { get; init; } = SecurityImage.Empty;

    /// <summary>What a node knows before it has heard from a controller: nothing.</summary>
    public static MetadataImage Empty { get; } = new(0, 0, [], new Dictionary<string, TopicImage>(), new Dictionary<string, TopicImage>());

    /// <summary>The live topic's partition, or false when the topic or the partition does not exist (deleting topics included).</summary>
    public bool TryGetPartition(TopicPartition partition, out TopicImage topic, out PartitionImage partitionImage) =>
        TryFind(Topics, partition, out topic, out partitionImage);

    /// <summary>Like <see cref="TryGetPartition"/> but also finds partitions of topics being deleted.</summary>
    public bool TryGetPartitionIncludingDeleting(TopicPartition partition, out TopicImage topic, out PartitionImage partitionImage) =>
        TryFind(Topics, partition, out topic, out partitionImage) || TryFind(DeletingTopics, partition, out topic, out partitionImage);

    private static bool TryFind(IReadOnlyDictionary<string, TopicImage> topics, TopicPartition partition, out TopicImage topic, out PartitionImage partitionImage)
    {
        partitionImage = null!;
        topic = null!;
        if (partition.Topic is null || !topics.TryGetValue(partition.Topic, out topic!) || (uint)partition.Partition >= (uint)topic.Partitions.Count) return false;
        partitionImage = topic.Partitions[partition.Partition];
        return true;
    }
}

/// <summary>A topic: its id, its configuration overrides and the effective config (the controller's defaults under them), and its partitions in order.</summary>
public sealed record TopicImage(string Name, Guid TopicId, IReadOnlyDictionary<string, string> Configs, TopicConfig Config, IReadOnlyList<PartitionImage> Partitions);

/// <summary>
/// A partition's replicas (the first is the preferred leader), its leader (a node id, or null while no eligible
/// replica is alive), the leader epoch, the in-sync replicas and the partition epoch (bumped by every leader or ISR
/// change; an ISR change based on an older one is refused).
/// </summary>
public sealed record PartitionImage(int Partition, IReadOnlyList<string> Replicas, string? Leader, int LeaderEpoch, IReadOnlyList<string> Isr, int PartitionEpoch = 0)
{
    /// <summary>LeaderNotAvailable while the partition has no leader, else None.</summary>
    [JsonIgnore]
    public ErrorCode Error => Leader is null ? ErrorCode.LeaderNotAvailable : ErrorCode.None;
}
