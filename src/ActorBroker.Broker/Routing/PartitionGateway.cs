using Akka.Actor;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// The sharded entity of a partition, placed by the controller on the leader's node: it hands every request, with its
/// original sender, to the partition's replica on this node, which checks that it leads. The log itself is not
/// sharded: each node keeps its replica whether it leads or follows, so a leader change moves only this gateway.
/// </summary>
internal sealed class PartitionGateway : ReceiveActor
{
    public PartitionGateway(TopicPartition partition, LocalReplicas replicas, string nodeId)
    {
        Receive<StopPartition>(_ => Context.Stop(Self));
        ReceiveAny(message =>
        {
            if (replicas.TryGet(partition, out var replica))
            {
                replica.Forward(message);
                return;
            }

            // No replica here: the node's metadata is behind the controller's, or the replica was deleted already.
            if (message is DeletePartition delete)
                Sender.Tell(new PartitionDeleted(delete.Partition, delete.TopicId, ErrorCode.None, null), Self);
            else if (RequestErrors.ResponseTo(message, ErrorCode.NotLeaderOrFollower, $"node {nodeId} has no replica of partition {partition} yet; refresh metadata") is { } response)
                Sender.Tell(response, Self);
        });
    }

    public static Props Props(TopicPartition partition, LocalReplicas replicas, string nodeId) =>
        Akka.Actor.Props.Create(() => new PartitionGateway(partition, replicas, nodeId));
}
