using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Creates the <c>partition</c> shard region's entities on this node: parses the entity id and creates a
/// <see cref="PartitionGateway"/> to the node's replica, only where the node's metadata says this node leads the
/// partition. A shard that landed on the wrong node (while the leader's node was away, or before the controller
/// placed it) answers with a typed error instead (see <see cref="UnavailablePartition"/>), which clients retry after
/// refreshing their metadata.
/// </summary>
internal sealed class PartitionEntityFactory(LocalMetadata metadata, string nodeId, LocalReplicas replicas, ILoggingAdapter log)
{
    public Props Create(string entityId)
    {
        if (!TopicPartition.TryParse(entityId, out var partition))
            return UnavailablePartition.Props(entityId, ErrorCode.UnknownTopicOrPartition, $"'{entityId}' does not name a topic partition");
        var image = metadata.Current;
        // Deleting topics count: their partitions must still start, to receive the order to delete their logs.
        if (!image.TryGetPartitionIncludingDeleting(partition, out _, out var partitionImage))
            return UnavailablePartition.Props(entityId, ErrorCode.UnknownTopicOrPartition,
                $"partition {partition} does not exist in the metadata of node {nodeId} (version {image.Version})");
        if (partitionImage.Leader != nodeId)
        {
            var error = partitionImage.Leader is null ? ErrorCode.LeaderNotAvailable : ErrorCode.NotLeaderOrFollower;
            var leader = partitionImage.Leader ?? $"nobody ({string.Join(", ", partitionImage.Replicas)} not Up)";
            log.Debug("Partition {Partition} was routed to node {Node}, but its leader is {Leader}", partition, nodeId, leader);
            return UnavailablePartition.Props(entityId, error, $"partition {partition} is led by {leader}, not by node {nodeId}");
        }

        return PartitionGateway.Props(partition, replicas, nodeId);
    }
}
