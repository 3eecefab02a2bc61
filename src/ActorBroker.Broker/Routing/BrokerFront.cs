using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Replication;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

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
    private readonly FrontAuthorizer _authorizer;

    public BrokerFront(LocalMetadata metadata, IActorRef metadataCache, IActorRef controller, IActorRef partitionRegion, IActorRef clusterDescriber,
        LocalReplicas replicas, FrontAuthorizer authorizer)
    {
        _metadata = metadata;
        _partitionRegion = partitionRegion;
        _replicas = replicas;
        _authorizer = authorizer;
        Receive<ProduceRequest>(r => { if (Allowed(r, AclOperation.Write, r.Partition.Topic)) Route(r, r.Partition); });
        Receive<FetchRequest>(r =>
        {
            if (!Allowed(r, AclOperation.Read, r.Partition.Topic)) return;
            if (r.IsDebugRead) ReadLocalReplica(r);
            else Route(r, r.Partition);
        });
        Receive<ListOffsetsRequest>(r => { if (Allowed(r, AclOperation.Describe, r.Partition.Topic)) Route(r, r.Partition); });
        Receive<MetadataRequest>(r => metadataCache.Forward(r));
        Receive<CreateTopicRequest>(r => { if (AllowedOnTopic(AclOperation.Create, r.Name, r.CorrelationId, orOnCluster: true)) controller.Forward(r); });
        Receive<DeleteTopicRequest>(r => { if (AllowedOnTopic(AclOperation.Delete, r.Name, r.CorrelationId)) controller.Forward(r); });
        Receive<CreatePartitionsRequest>(r => { if (AllowedOnTopic(AclOperation.Alter, r.Name, r.CorrelationId)) controller.Forward(r); });
        Receive<AlterPartitionReassignmentsRequest>(r =>
        {
            if (AllowedOnCluster(new TopicAdminResponse(r.Topic, ErrorCode.ClusterAuthorizationFailed, "Alter on the cluster is needed to move replicas", r.CorrelationId)))
                controller.Forward(r);
        });
        Receive<DescribeClusterRequest>(r => clusterDescriber.Forward(r));
        Receive<AlterUserCredentialRequest>(r => { if (AllowedOnCluster(SecurityDenied(r.CorrelationId))) controller.Forward(r); });
        Receive<CreateAclsRequest>(r => { if (AllowedOnCluster(SecurityDenied(r.CorrelationId))) controller.Forward(r); });
        Receive<DeleteAclsRequest>(r => { if (AllowedOnCluster(SecurityDenied(r.CorrelationId))) controller.Forward(r); });
        Receive<DescribeSecurityRequest>(r => Sender.Tell(SecurityDescription.Of(_metadata.Current.Security, r.CorrelationId), Self));
    }

    public static Props Props(LocalMetadata metadata, IActorRef metadataCache, IActorRef controller, IActorRef partitionRegion, IActorRef clusterDescriber,
        LocalReplicas replicas, FrontAuthorizer authorizer) =>
        Akka.Actor.Props.Create(() => new BrokerFront(metadata, metadataCache, controller, partitionRegion, clusterDescriber, replicas, authorizer))
            .WithMailbox(BrokerMailboxes.Front);

    /// <summary>Whether a data-path request's sender may do <paramref name="operation"/> on the topic; if not, it is answered here.</summary>
    private bool Allowed(object request, AclOperation operation, string topic)
    {
        if (_authorizer.Denial(Sender, operation, AclResourceType.Topic, topic) is not { } denial) return true;
        Refuse(request, ErrorCode.TopicAuthorizationFailed, denial);
        return false;
    }

    private bool AllowedOnTopic(AclOperation operation, string topic, long correlationId, bool orOnCluster = false)
    {
        // As in Kafka, Create on the cluster may create any topic.
        if (orOnCluster && _authorizer.Allows(Sender, operation, AclResourceType.Cluster, AclBinding.ClusterName, out _)) return true;
        if (_authorizer.Denial(Sender, operation, AclResourceType.Topic, topic) is not { } denial) return true;
        Sender.Tell(new TopicAdminResponse(topic, ErrorCode.TopicAuthorizationFailed, denial, correlationId), Self);
        return false;
    }

    private bool AllowedOnCluster(object refusal)
    {
        if (_authorizer.Denial(Sender, AclOperation.Alter, AclResourceType.Cluster, AclBinding.ClusterName) is null) return true;
        Sender.Tell(refusal, Self);
        return false;
    }

    private static SecurityAdminResponse SecurityDenied(long correlationId) =>
        new(ErrorCode.ClusterAuthorizationFailed, "Alter on the cluster is needed to change users and ACLs", 0, correlationId);

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
