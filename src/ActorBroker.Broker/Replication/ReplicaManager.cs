using Akka.Actor;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// The node's replica manager (<c>/user/replicas</c>, Kafka's ReplicaManager): runs one replica actor for every
/// partition the metadata assigns to this node, whatever its role, and tells each the controller's decision for it
/// (leader, epochs, ISR) whenever the node's metadata changes. Replicas of deleted topics, or moved away from this
/// node, are told to delete their logs. The metadata cache feeds it; images from an older controller never get here.
/// </summary>
internal sealed class ReplicaManager : ReceiveActor
{
    public const string Name = "replicas";

    private readonly string _nodeId;
    private readonly LocalReplicas _registry;
    private readonly Func<TopicPartition, Guid, TopicConfig, Props> _replicaProps;
    private readonly ILoggingAdapter _log;
    private readonly Dictionary<TopicPartition, Replica> _replicas = [];
    private readonly Dictionary<IActorRef, Replica> _byRef = [];
    // Replicas of deleting topics whose logs are gone (by topic id): a replica stops once it deleted its log, and the
    // topic stays in the images until every partition confirmed, so without this each image would start it again.
    private readonly HashSet<(TopicPartition Partition, Guid TopicId)> _deletedLogs = [];
    private MetadataImage _image = MetadataImage.Empty;

    public ReplicaManager(string nodeId, LocalReplicas registry, Func<TopicPartition, Guid, TopicConfig, Props> replicaProps)
    {
        _nodeId = nodeId;
        _registry = registry;
        _replicaProps = replicaProps;
        _log = Context.GetLogger();
        Receive<LocalImageChanged>(changed => Reconcile(changed.Image));
        Receive<ReplicaStateRequest>(request =>
        {
            if (_byRef.TryGetValue(Sender, out var replica) && replica.State is { } state) Sender.Tell(state, Self);
        });
        Receive<PartitionDeleted>(OnPartitionDeleted);
        Receive<Terminated>(t => OnReplicaTerminated(t.ActorRef));
    }

    public static Props Props(string nodeId, LocalReplicas registry, Func<TopicPartition, Guid, TopicConfig, Props> replicaProps) =>
        Akka.Actor.Props.Create(() => new ReplicaManager(nodeId, registry, replicaProps));

    // The replica actors are the logs: a failing one restarts and recovers from its journal, and asks for its state again.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    private void Reconcile(MetadataImage image)
    {
        _image = image;
        _deletedLogs.RemoveWhere(deleted => !IsDeleting(image, deleted.Partition, deleted.TopicId));
        var assigned = new HashSet<TopicPartition>();
        foreach (var topic in image.Topics.Values) ReconcileTopic(image, topic, deleting: false, assigned);
        foreach (var topic in image.DeletingTopics.Values) ReconcileTopic(image, topic, deleting: true, assigned);

        foreach (var (partition, replica) in _replicas)
        {
            if (assigned.Contains(partition) || replica.DeleteSent) continue;
            // Gone from this node's assignment (the topic is gone, or a reassignment moved the replica away).
            _log.Info("Partition {Partition} (topic id {TopicId}) no longer has a replica on {Node}; deleting its log here", partition, replica.TopicId, _nodeId);
            Delete(partition, replica);
        }
    }

    private void ReconcileTopic(MetadataImage image, TopicImage topic, bool deleting, HashSet<TopicPartition> assigned)
    {
        foreach (var partitionImage in topic.Partitions)
        {
            if (!partitionImage.Replicas.Contains(_nodeId)) continue;
            var partition = new TopicPartition(topic.Name, partitionImage.Partition);
            if (_replicas.TryGetValue(partition, out var replica) && replica.TopicId != topic.TopicId)
            {
                // The topic was re-created under the same name: the old replica deletes its log; the new one starts once it stopped.
                if (!replica.DeleteSent) Delete(partition, replica);
                continue;
            }

            assigned.Add(partition);
            if (replica is null && deleting && _deletedLogs.Contains((partition, topic.TopicId))) continue;
            replica ??= Start(partition, topic);
            if (replica is null) continue;
            if (deleting)
            {
                if (!replica.DeleteSent) Delete(partition, replica);
                continue;
            }

            var state = new ReplicaState(partitionImage.Leader, partitionImage.LeaderEpoch, partitionImage.Replicas, partitionImage.Isr,
                partitionImage.PartitionEpoch, LeaderReplicaOf(image, partitionImage.Leader, replica.Name));
            if (replica.State is { } known && SameDecision(known, state)) continue;
            replica.State = state;
            replica.Ref.Tell(state, Self);
        }
    }

    private Replica? Start(TopicPartition partition, TopicImage topic)
    {
        var name = ReplicaPaths.ChildName(partition, topic.TopicId);
        Props props;
        try
        {
            props = _replicaProps(partition, topic.TopicId, topic.Config);
        }
        catch (Exception e)
        {
            // One partition's bad factory must not take the node's other replicas down; its gateway answers NotLeaderOrFollower.
            _log.Error(e, "Could not start the replica of {Partition} (topic id {TopicId}) on {Node}: {Reason}", partition, topic.TopicId, _nodeId, e.Message);
            return null;
        }

        var actor = Context.ActorOf(props, name);
        Context.Watch(actor);
        var replica = new Replica(partition, topic.TopicId, name, actor);
        _replicas[partition] = replica;
        _byRef[actor] = replica;
        _registry.Set(partition, actor);
        _log.Debug("Started the replica of {Partition} (topic id {TopicId}) on {Node}", partition, topic.TopicId, _nodeId);
        return replica;
    }

    private void Delete(TopicPartition partition, Replica replica)
    {
        replica.DeleteSent = true;
        replica.Ref.Tell(new DeletePartition(partition, replica.TopicId), Self);
    }

    private void OnPartitionDeleted(PartitionDeleted deleted)
    {
        _log.Debug("Replica of {Partition} on {Node} deleted its log: {Error}", deleted.Partition, _nodeId, deleted.Error);
        if (deleted.Error == ErrorCode.None || !_deletedLogs.Remove((deleted.Partition, deleted.TopicId))) return;
        Reconcile(_image); // the delete failed and the replica stopped anyway: start it again, and it is told to delete again
    }

    private void OnReplicaTerminated(IActorRef actor)
    {
        if (!_byRef.Remove(actor, out var replica)) return;
        _registry.Remove(replica.Partition, actor);
        if (_replicas.TryGetValue(replica.Partition, out var current) && current == replica) _replicas.Remove(replica.Partition);
        var deleting = IsDeleting(_image, replica.Partition, replica.TopicId);
        // A replica stops once it deleted its log. One told by this manager stays stopped while its topic is deleting
        // (a failed delete is retried on its PartitionDeleted); one told by the controller, through its partition
        // entity, is started once more to be told by this manager.
        if (replica.DeleteSent && deleting) _deletedLogs.Add((replica.Partition, replica.TopicId));
        else if (!replica.DeleteSent && !deleting)
            _log.Warning("The replica of {Partition} on {Node} stopped without being told to; starting it again", replica.Partition, _nodeId);
        Reconcile(_image); // a re-created topic's replica waited for this one to go
    }

    private static bool IsDeleting(MetadataImage image, TopicPartition partition, Guid topicId) =>
        image.DeletingTopics.TryGetValue(partition.Topic, out var topic) && topic.TopicId == topicId;

    /// <summary>Where followers fetch: the leader node's replica actor of the same name, when the leader is another Up node.</summary>
    private IActorRef? LeaderReplicaOf(MetadataImage image, string? leader, string childName) =>
        leader is null || leader == _nodeId ? null : ReplicaPaths.OnNode(Context.System, image, leader, childName);

    private static bool SameDecision(ReplicaState a, ReplicaState b) =>
        a.Leader == b.Leader && a.LeaderEpoch == b.LeaderEpoch && a.PartitionEpoch == b.PartitionEpoch && Equals(a.LeaderReplica, b.LeaderReplica)
        && a.Replicas.SequenceEqual(b.Replicas) && a.Isr.SequenceEqual(b.Isr);

    private sealed class Replica(TopicPartition partition, Guid topicId, string name, IActorRef actor)
    {
        public TopicPartition Partition { get; } = partition;

        public Guid TopicId { get; } = topicId;

        public string Name { get; } = name;

        public IActorRef Ref { get; } = actor;

        public ReplicaState? State { get; set; }

        public bool DeleteSent { get; set; }
    }
}
