using ActorBroker.Protocol;

namespace ActorBroker.Client.Producer;

/// <summary>A partition's open batch, its closed batches waiting to be sent (oldest first), and its current leader.</summary>
internal sealed class PartitionQueue(TopicState topic, TopicPartition partition)
{
    public TopicState Topic { get; } = topic;

    public TopicPartition Partition { get; } = partition;

    public ProducerBatch? Open { get; set; }

    public Deque<ProducerBatch> Ready { get; } = new();

    /// <summary>Batches of this partition sent and not answered.</summary>
    public int InFlight { get; set; }

    /// <summary>The node leading the partition by the latest metadata; null while it has no leader.</summary>
    public NodeState? Leader { get; set; }

    /// <summary>Puts a batch that will be sent again back among the waiting ones, in its original order.</summary>
    public void Requeue(ProducerBatch batch)
    {
        var index = 0;
        while (index < Ready.Count && Ready[index].Sequence < batch.Sequence) index++;
        Ready.Insert(index, batch);
    }
}
