using Akka.Actor;
using ActorBroker.Broker.Metadata;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Sharding.External;
using Akka.Persistence;
using static Akka.Cluster.ClusterEvent;
using ActorBroker.Protocol.Messages;
using Akka.Event;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// The cluster's controller (Kafka's controller broker): one instance in the cluster, run as a cluster singleton, and
/// event-sourced under <see cref="PersistenceIdValue"/> so its successor recovers every topic. It owns topic metadata
/// (creation, partition growth, deletion), assigns replicas, places each partition's sharded entity on its leader's
/// node, tracks which broker nodes are Up, elects leaders and keeps each partition's ISR (Kafka's replication protocol,
/// controller side), moves partitions between nodes, and publishes whole metadata images to every node's metadata cache.
/// Each start persists the next controller epoch, which stamps everything it publishes.
/// </summary>
internal sealed partial class BrokerController : ReceivePersistentActor, IWithTimers
{
    public const string PersistenceIdValue = "/broker/controller";

    private readonly BrokerSettings _settings;
    private readonly IActorRef _partitionRegion;
    private readonly Akka.Cluster.Cluster _cluster;
    private readonly IExternalShardAllocationClient _shardLocations;
    private readonly ILoggingAdapter _log;
    private readonly ControllerState _state = new();
    private bool _started;

    public BrokerController(BrokerSettings settings, IActorRef partitionRegion)
    {
        _settings = settings;
        _partitionRegion = partitionRegion;
        _cluster = Akka.Cluster.Cluster.Get(Context.System);
        _shardLocations = ExternalShardAllocation.Get(Context.System).ClientFor(BrokerHost.PartitionTypeName);
        _log = Context.GetLogger();

        Recover<IControllerEvent>(_state.Apply);
        Recover<RecoveryCompleted>(_ => StartReconciling());

        Command<CreateTopicRequest>(OnCreateTopic);
        Command<CreatePartitionsRequest>(OnCreatePartitions);
        Command<DeleteTopicRequest>(OnDeleteTopic);
        Command<PartitionDeleted>(OnPartitionDeleted);
        Command<CurrentClusterState>(s => OnMembership([.. s.Members.Where(m => m.Status == MemberStatus.Up)]));
        Command<IMemberEvent>(OnMemberEvent);
        Command<RegisterMetadataCache>(r => OnRegisterCache(r, Sender));
        Command<MetadataUpdated>(u => OnCacheUpdated(u, Sender));
        Command<MetadataStored>(OnMetadataStored);
        Command<Terminated>(OnCacheTerminated);
        Command<ShardLocations>(OnShardLocations);
        Command<ShardLocationStored>(OnShardLocationStored);
        Command<ClusterShardingStats>(OnShardingStats);
        Command<Status.Failure>(f => _log.Debug("Shard location request failed: {Reason}; retrying in {Interval}", f.Cause.Message, _settings.ControllerRetryInterval));
        Command<RetryTick>(_ => OnRetryTick());
        Command<AlterPartition>(OnAlterPartition);
        Command<AlterPartitionReassignmentsRequest>(OnReassign);
        Command<PreferredLeaderCheck>(_ => OnPreferredLeaderCheck());
        Command<AlterUserCredentialRequest>(OnAlterUserCredential);
        Command<CreateAclsRequest>(OnCreateAcls);
        Command<DeleteAclsRequest>(OnDeleteAcls);
    }

    public override string PersistenceId => PersistenceIdValue;

    public ITimerScheduler Timers { get; set; } = null!;

    // Unbounded: Akka's persistent actors need a deque mailbox for their stash. The bound sits on the supervisor in front.
    public static Props Props(BrokerSettings settings, IActorRef partitionRegion) =>
        Akka.Actor.Props.Create(() => new BrokerController(settings, partitionRegion));

    protected override void PreStart() => _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(IMemberEvent));

    protected override void PostStop()
    {
        _cluster.Unsubscribe(Self);
        if (_started) _log.Info("Controller with epoch {Epoch} stopped on {Node}", _state.Epoch, _cluster.SelfAddress);
    }

    private void OnStarted()
    {
        _started = true;
        // Membership events wait in the stash until now; the current state is enough to publish correct leaders at once.
        ResetMembership(_cluster.State.Members.Where(m => m.Status == MemberStatus.Up));
        _log.Info(
            "Controller started on {Node} with epoch {Epoch}: recovered {Topics} topics with {Partitions} partitions, {Deleting} deletions in progress; broker nodes Up: {Nodes}",
            _cluster.SelfAddress, _state.Epoch, _state.Topics.Count, _state.PartitionCount, _state.Deleting.Count, string.Join(", ", _up.Keys));
        Timers.StartPeriodicTimer(RetryTick.Instance, RetryTick.Instance, _settings.ControllerRetryInterval);
        if (_settings.AutoLeaderRebalance)
            Timers.StartPeriodicTimer(PreferredLeaderCheck.Instance, PreferredLeaderCheck.Instance, _settings.LeaderImbalanceCheckInterval);
        // Nodes may have left while no controller ran: their partitions are elected before anything is published.
        Commit(LeaderElection.OnMembership(_state, IsUp, _settings.TopicDefaults), "controller started", () => ResumeReassignments(() =>
        {
            Publish("controller started");
            PlaceAllRecovered();
            foreach (var topic in _state.Deleting.Values) StartDeletion(topic, null);
        }));
    }

    private void OnRetryTick()
    {
        RetryPlacements();
        RetryDeletions();
        ResendImages();
    }

    /// <summary>Re-sends whatever was not acknowledged: placements, deletions, images.</summary>
    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }
}
