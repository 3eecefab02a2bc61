using ActorBroker.Client.Partitioning;
using ActorBroker.Protocol;

namespace ActorBroker.Client.Producer;

/// <summary>
/// The producer's view of one topic: its partitions' queues (indexed by partition, as many as the metadata lists),
/// the sticky partitioner for records without a key, and the records that wait for the topic's metadata.
/// </summary>
internal sealed class TopicState
{
    public TopicState(string name, Random random)
    {
        Name = name;
        Sticky = new StickyPartitioner(random);
        IsAvailable = p => Partitions[p].Leader is not null;
    }

    public string Name { get; }

    public PartitionQueue[] Partitions { get; set; } = [];

    public StickyPartitioner Sticky { get; }

    /// <summary>Whether a partition has a leader; one delegate per topic, so partitioning allocates nothing.</summary>
    public Func<int, bool> IsAvailable { get; }

    public Queue<PendingRecord> Waiting { get; } = new();

    /// <summary>Why the metadata does not list the topic usably (UnknownTopicOrPartition while it does not exist yet).</summary>
    public ErrorCode Error { get; set; } = ErrorCode.UnknownTopicOrPartition;
}
