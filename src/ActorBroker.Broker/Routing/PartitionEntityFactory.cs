using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Creates the <c>partition</c> shard region's entities on this node: parses the entity id and creates a
/// <see cref="PartitionGateway"/>, which hands requests to the leader's replica (this node's, once the controller's
/// placement moved the shard here). An entity id the node's metadata does not know answers with a typed error
/// instead (see <see cref="UnavailablePartition"/>), which clients retry after refreshing their metadata.
/// </summary>
internal sealed class PartitionEntityFactory(LocalMetadata metadata, string nodeId, LocalReplicas replicas)
{
    public Props Create(string entityId)
    {
        if (!TopicPartition.TryParse(entityId, out var partition))
            return UnavailablePartition.Props(entityId, ErrorCode.UnknownTopicOrPartition, $"'{entityId}' does not name a topic partition");
        var image = metadata.Current;
        // Deleting topics count: their partitions must still start, to receive the order to delete their logs.
        if (!image.TryGetPartitionIncludingDeleting(partition, out var topic, out _))
            return UnavailablePartition.Props(entityId, ErrorCode.UnknownTopicOrPartition,
                $"partition {partition} does not exist in the metadata of node {nodeId} (version {image.Version})");
        return PartitionGateway.Props(partition, topic.TopicId, metadata, replicas, nodeId);
    }
}
