using ActorBroker.Client.Connection;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Client.Producer;

// Metadata: partitions and leaders of the topics in use.
public sealed partial class ProducerActor
{
    private void OnMetadata(MetadataResponse response)
    {
        if (_metadata.OnResponse(response, MonotonicClock.NowMs)) ApplyMetadata();
        SchedulePump();
    }

    private void ApplyMetadata()
    {
        var metadata = _metadata.Current;
        foreach (var node in _nodes.Values) node.Ref = _metadata.NodeRef(node.Id);
        foreach (var topic in _topics.Values)
        {
            if (metadata.Topic(topic.Name) is not { } info) continue;
            if (!info.IsUsable)
            {
                topic.Error = info.Error == ErrorCode.None ? ErrorCode.UnknownTopicOrPartition : info.Error;
                // Leaders of known partitions are gone with the topic; its batches wait (or expire) like leaderless ones.
                foreach (var queue in topic.Partitions) queue.Leader = null;
                if (!topic.Error.IsRetriable())
                    while (topic.Waiting.TryDequeue(out var record))
                        FailRecord(in record, record.Partition, topic.Error, $"topic '{topic.Name}' cannot be produced to: {topic.Error}", reserved: true);
                continue;
            }

            topic.Error = ErrorCode.None;
            if (info.Partitions.Length > topic.Partitions.Length) Grow(topic, info.Partitions.Length);
            for (var p = 0; p < topic.Partitions.Length; p++)
                topic.Partitions[p].Leader = p < info.Partitions.Length ? NodeFor(info.Partitions[p].Leader) : null;
            while (topic.Waiting.TryDequeue(out var record)) Append(topic, in record);
        }
    }

    /// <summary>A topic grew (or became known): queues for its new partitions.</summary>
    private void Grow(TopicState topic, int count)
    {
        var grown = new PartitionQueue[count];
        topic.Partitions.CopyTo(grown, 0);
        for (var p = topic.Partitions.Length; p < count; p++)
        {
            grown[p] = new PartitionQueue(topic, new TopicPartition(topic.Name, p));
            _partitions.Add(grown[p]);
        }

        topic.Partitions = grown;
    }

    private NodeState? NodeFor(string? nodeId)
    {
        if (nodeId is null) return null;
        if (!_nodes.TryGetValue(nodeId, out var node))
        {
            node = new NodeState(nodeId) { Ref = _metadata.NodeRef(nodeId) };
            _nodes[nodeId] = node;
        }

        return node;
    }
}
