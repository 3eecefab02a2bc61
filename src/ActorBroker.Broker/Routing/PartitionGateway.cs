using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// The sharded entity of a partition, placed by the controller on the leader's node: it hands every request, with its
/// original sender, to the partition's replica on this node, which checks that it leads. The log itself is not
/// sharded: each node keeps its replica whether it leads or follows, so a leader change moves only this gateway.
/// Until the shard coordinator has moved it (a rebalance can stall for a whole hand-off timeout, or longer while a
/// region of a removed node lingers in the coordinator's state), a gateway on another node forwards to the leader's
/// replica, as the node's metadata names it: the partition stays reachable while it moves, one hop longer.
/// </summary>
internal sealed class PartitionGateway : ReceiveActor
{
    private readonly TopicPartition _partition;
    private readonly Guid _topicId;
    private readonly LocalMetadata _metadata;
    private readonly LocalReplicas _replicas;
    private readonly string _nodeId;
    private readonly string _childName;
    private (string Leader, IActorRef Replica)? _remote; // the last leader's replica, resolved once per leader

    public PartitionGateway(TopicPartition partition, Guid topicId, LocalMetadata metadata, LocalReplicas replicas, string nodeId)
    {
        _partition = partition;
        _topicId = topicId;
        _metadata = metadata;
        _replicas = replicas;
        _nodeId = nodeId;
        _childName = ReplicaPaths.ChildName(partition, topicId);
        Receive<StopPartition>(_ => Context.Stop(Self));
        Receive<DeletePartition>(OnDelete);
        ReceiveAny(Route);
    }

    public static Props Props(TopicPartition partition, Guid topicId, LocalMetadata metadata, LocalReplicas replicas, string nodeId) =>
        Akka.Actor.Props.Create(() => new PartitionGateway(partition, topicId, metadata, replicas, nodeId));

    private void Route(object message)
    {
        var image = _metadata.Current;
        var leader = image.TryGetPartition(_partition, out var topic, out var partitionImage) && topic.TopicId == _topicId ? partitionImage.Leader : null;
        if (leader == _nodeId || leader is null)
        {
            // Here, or nobody: the local replica knows best (it answers NotLeaderOrFollower or LeaderNotAvailable itself).
            if (_replicas.TryGet(_partition, out var local)) local.Forward(message);
            else Refuse(message, leader is null ? ErrorCode.LeaderNotAvailable : ErrorCode.NotLeaderOrFollower,
                leader is null ? $"partition {_partition} has no leader now" : $"node {_nodeId} has no replica of partition {_partition} yet; refresh metadata");
            return;
        }

        if (_remote is not { } remote || remote.Leader != leader)
        {
            var replica = ReplicaPaths.OnNode(Context.System, image, leader, _childName);
            if (replica is null)
            {
                Refuse(message, ErrorCode.LeaderNotAvailable, $"partition {_partition} is led by {leader}, which is not Up in the metadata of node {_nodeId}");
                return;
            }

            _remote = remote = (leader, replica);
        }

        remote.Replica.Forward(message);
    }

    // The order comes from the controller to delete this node's replica; a node without one has nothing to delete.
    private void OnDelete(DeletePartition delete)
    {
        if (_replicas.TryGet(_partition, out var replica)) replica.Forward(delete);
        else Sender.Tell(new PartitionDeleted(delete.Partition, delete.TopicId, ErrorCode.None, null), Self);
    }

    private void Refuse(object message, ErrorCode error, string reason)
    {
        if (RequestErrors.ResponseTo(message, error, reason) is { } response) Sender.Tell(response, Self);
    }
}
