using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// The node's front door (<c>/user/broker</c>, reachable by cluster clients at that path): metadata requests go to the
/// node's metadata cache, topic, user and ACL administration to the controller, users and ACLs are described from this node's image, and produce, fetch and list-offsets requests to
/// the partition's entity through the shard region, which finds the leader's node. Everything is forwarded with
/// its original sender, so answers go straight back to the client. A request for a partition this node's metadata
/// does not know, or whose leader is down, is answered at once with the typed error. A debugging read
/// (<see cref="FetchRequest.DebugReplicaId"/>) goes to this node's own replica instead, leader or not.
/// </summary>
internal sealed class BrokerFront : ReceiveActor
{
    private readonly LocalMetadata _metadata;
    private readonly IActorRef _partitionRegion;
    private readonly LocalReplicas _replicas;

    public BrokerFront(LocalMetadata metadata, IActorRef metadataCache, IActorRef controller, IActorRef partitionRegion, IActorRef clusterDescriber,
        LocalReplicas replicas)
    {
        _metadata = metadata;
        _partitionRegion = partitionRegion;
        _replicas = replicas;
        Receive<ProduceRequest>(r => Route(r, r.Partition));
        Receive<FetchRequest>(r => r.IsDebugRead, ReadLocalReplica);
        Receive<FetchRequest>(r => Route(r, r.Partition));
        Receive<ListOffsetsRequest>(r => Route(r, r.Partition));
        Receive<MetadataRequest>(r => metadataCache.Forward(r));
        Receive<CreateTopicRequest>(r => controller.Forward(r));
        Receive<DeleteTopicRequest>(r => controller.Forward(r));
        Receive<CreatePartitionsRequest>(r => controller.Forward(r));
        Receive<AlterPartitionReassignmentsRequest>(r => controller.Forward(r));
        Receive<DescribeClusterRequest>(r => clusterDescriber.Forward(r));
        Receive<AlterUserCredentialRequest>(r => controller.Forward(r));
        Receive<CreateAclsRequest>(r => controller.Forward(r));
        Receive<DeleteAclsRequest>(r => controller.Forward(r));
        Receive<DescribeSecurityRequest>(r => Sender.Tell(SecurityDescription.Of(_metadata.Current.Security, r.CorrelationId), Self));
    }

    public static Props Props(LocalMetadata metadata, IActorRef metadataCache, IActorRef controller, IActorRef partitionRegion, IActorRef clusterDescriber,
        LocalReplicas replicas) =>
        Akka.Actor.Props.Create(() => new BrokerFront(metadata, metadataCache, controller, partitionRegion, clusterDescriber, replicas))
            .WithMailbox(BrokerMailboxes.Front);

    private void Route(object request, TopicPartition partition)
    {
        var image = _metadata.Current;
        if (!image.TryGetPartition(partition, out _, out var partitionImage))
            Refuse(request, ErrorCode.UnknownTopicOrPartition, $"partition {partition} does not exist (metadata version {image.Version})");
        else if (partitionImage.Leader is null)
            Refuse(request, ErrorCode.LeaderNotAvailable,
                $"partition {partition} has no leader: its replicas ({string.Join(", ", partitionImage.Replicas)}) are not Up");
        else
            _partitionRegion.Forward(request);
    }

    private void ReadLocalReplica(FetchRequest request)
    {
        if (_replicas.TryGet(request.Partition, out var replica)) replica.Forward(request);
        else Refuse(request, ErrorCode.NotLeaderOrFollower, $"this node holds no replica of partition {request.Partition}");
    }

    private void Refuse(object request, ErrorCode error, string message)
    {
        if (RequestErrors.ResponseTo(request, error, message) is { } response) Sender.Tell(response, Self);
    }
}
