using ActorBroker.Tls;
using Akka.Actor;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Membership;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Sharding;
using Akka.Cluster.Sharding.External;
using Akka.DistributedData;
using Akka.Cluster.Tools.Singleton;
using ActorBroker.Protocol;
using Akka.Event;
using ActorBroker.Broker.Serialization;

namespace ActorBroker.Broker;

/// <summary>
/// A broker node on a cluster member: start it once per node with <see cref="Start(ActorSystem, BrokerSettings)"/>. It runs the node's
/// replica manager (<c>/user/replicas</c>, one replica actor per partition assigned here), the partition shard region
/// (whose entities, placed on leaders, hand requests to the local replica), the controller's singleton manager and a
/// proxy to it, the node's metadata cache and the front actor at <c>/user/broker</c> (registered with the cluster
/// client receptionist), and returns their refs.
/// </summary>
public sealed class BrokerHost
{
    /// <summary>The sharded entity type of partitions: entity id and shard id are <c>topic-partition</c>.</summary>
    public const string PartitionTypeName = "partition";

    /// <summary>The controller's singleton manager is <c>/user/controller</c>; the controller runs under it.</summary>
    public const string ControllerManagerName = "controller";

    public const string ControllerProxyName = "controller-proxy";

    public const string MetadataCacheName = "metadata";

    /// <summary>Answers DescribeCluster requests that reach the front actor.</summary>
    public const string ClusterDescriberName = "cluster-describer";

    /// <summary>The front actor's name: clients send to <c>/user/broker</c>.</summary>
    public const string FrontName = NodeIds.FrontName;

    private BrokerHost(string nodeId, BrokerSettings settings, LocalMetadata metadata, IActorRef front, IActorRef metadataCache, IActorRef controllerProxy, IActorRef partitionRegion)
    {
        NodeId = nodeId;
        Settings = settings;
        Metadata = metadata;
        Front = front;
        MetadataCache = metadataCache;
        ControllerProxy = controllerProxy;
        PartitionRegion = partitionRegion;
    }

    /// <summary>This node's broker id, <c>host:port</c> of its address.</summary>
    public string NodeId { get; }

    public BrokerSettings Settings { get; }

    /// <summary>The newest metadata image this node has, readable from any thread.</summary>
    public LocalMetadata Metadata { get; }

    /// <summary>The front actor, <c>/user/broker</c>: send client requests here.</summary>
    public IActorRef Front { get; }

    /// <summary>The node's metadata cache actor, <c>/user/metadata</c>.</summary>
    public IActorRef MetadataCache { get; }

    /// <summary>Reaches the controller wherever it runs.</summary>
    public IActorRef ControllerProxy { get; }

    /// <summary>The <c>partition</c> shard region of this node.</summary>
    public IActorRef PartitionRegion { get; }

    /// <summary>
    /// Starts the broker with the event-sourced <see cref="PartitionActor"/> as the partition log, configured from
    /// <c>actorbroker.broker.partition</c>: what a node runs.
    /// </summary>
    public static BrokerHost Start(ActorSystem system, BrokerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var partitionSettings = PartitionSettings.Create(system);
        return Start(system, (partition, topicId, config, replica) => PartitionActor.Props(partition, topicId, config, partitionSettings, replica), settings);
    }

    /// <summary>Starts the broker with replicas that need no <see cref="ReplicaContext"/> (test stand-ins for the log).</summary>
    public static BrokerHost Start(ActorSystem system, Func<TopicPartition, Guid, TopicConfig, Props> partitionProps, BrokerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(partitionProps);
        return Start(system, (partition, topicId, config, _) => partitionProps(partition, topicId, config), settings);
    }

    /// <summary>
    /// Starts the broker on <paramref name="system"/>, a cluster member (provider = cluster) whose journal every node can
    /// read (the controller's state must survive its node). Call once per node, on every node, before or after it joined.
    /// </summary>
    /// <param name="partitionProps">
    /// Props of this node's replica of a partition, given the partition, its topic id, its effective config and the
    /// node's replica context (its broker id and the controller).
    /// </param>
    /// <param name="settings">Defaults to <see cref="BrokerSettings.Create"/> from the system's configuration.</param>
    /// <exception cref="InvalidOperationException">A broker was already started on this system.</exception>
    public static BrokerHost Start(ActorSystem system, Func<TopicPartition, Guid, TopicConfig, ReplicaContext, Props> partitionProps, BrokerSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(partitionProps);
        if (!Started.Get(system).TryStart())
            throw new InvalidOperationException($"A broker is already started on {Akka.Cluster.Cluster.Get(system).SelfAddress}; start one per actor system");
        RequireSerializers(system);
        settings ??= BrokerSettings.Create(system);
        BrokerMailboxes.AddTo(system, settings);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var nodeId = NodeIds.Of(cluster.SelfAddress);

        var metadata = new LocalMetadata();
        var proxy = system.ActorOf(ClusterSingletonProxy.Props($"/user/{ControllerManagerName}", ClusterSingletonProxySettings.Create(system)), ControllerProxyName);
        var replicaContext = new ReplicaContext(nodeId, proxy);
        var localReplicas = new LocalReplicas();
        var replicas = system.ActorOf(ReplicaManager.Props(nodeId, localReplicas, (partition, topicId, config) => partitionProps(partition, topicId, config, replicaContext)),
            ReplicaManager.Name);
        var factory = new PartitionEntityFactory(metadata, nodeId, localReplicas);
        var clusterSharding = ClusterSharding.Get(system); // first: it adds the sharding defaults the settings read
        // Every node runs the distributed-data replicator that holds the controller's shard locations: a replicator
        // started only where the controller or the coordinator runs would lose them with that node, and majority
        // reads would find no one to ask.
        DistributedData.Get(system);
        var sharding = ClusterShardingSettings.Create(system);
        // External allocation: the controller, not a balancer, decides where each partition's leader lives (BrokerController.Placement).
        var region = clusterSharding.Start(PartitionTypeName, factory.Create, sharding, new PartitionMessageExtractor(),
            new ExternalShardAllocationStrategy(system, PartitionTypeName), StopPartition.Instance);

        var controller = ControllerSupervisor.Props(BrokerController.Props(settings, region), settings.ControllerRestartBackoff);
        var singletonSettings = ClusterSingletonManagerSettings.Create(system);
        system.ActorOf(ClusterSingletonManager.Props(controller, PoisonPill.Instance, singletonSettings), ControllerManagerName);
        var cache = system.ActorOf(Broker.Metadata.MetadataCache.Props(metadata, proxy, nodeId, settings, replicas), MetadataCacheName);
        var describer = system.ActorOf(ClusterDescriber.Props(region, singletonSettings.Role), ClusterDescriberName);
        var authorizer = new FrontAuthorizer(PeerRoles.Of(system), settings.ClusterPortAuthorization, metadata, system.Name, Logging.GetLogger(system, typeof(FrontAuthorizer)));
        var front = system.ActorOf(BrokerFront.Props(metadata, cache, proxy, region, describer, localReplicas, authorizer), FrontName);
        ClusterClientReceptionist.Get(system).RegisterService(front);
        system.ActorOf(VitalActorsWatch.Props([replicas, cache, front]), VitalActorsWatch.Name);
        system.ActorOf(QuarantineWatch.Props(), QuarantineWatch.Name);
        if (settings.CutLinkResolver)
            system.ActorOf(CutLinkResolver.Props(CutLinkDecideAfter(system)), CutLinkResolver.Name);

        Logging.GetLogger(system, "ActorBroker.Broker").Info(
            "Broker node {Node} started: clients send to {Front}; the controller runs as a singleton under /user/{Controller}",
            nodeId, front.Path, ControllerManagerName);
        return new BrokerHost(nodeId, settings, metadata, front, cache, proxy, region);
    }

    /// <summary>Half of the split-brain resolver's stable-after: the cut-link resolver must decide before the resolver does.</summary>
    private static TimeSpan CutLinkDecideAfter(ActorSystem system)
    {
        var stableAfter = system.Settings.Config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after", TimeSpan.FromSeconds(20), allowInfinite: false);
        return stableAfter / 2;
    }

    /// <summary>
    /// Node-to-node messages and journal events must use the project's binary serializers: a system created without
    /// <see cref="BrokerAkkaSerialization.Config"/> would fall back on Akka's JSON and fail between nodes.
    /// </summary>
    private static void RequireSerializers(ActorSystem system)
    {
        if (system.Serialization.FindSerializerForType(typeof(DeletePartition)) is not BrokerAkkaSerializer)
            throw new InvalidOperationException(
                $"The actor system {system.Name} does not bind the broker's messages to their serializers; give its config BrokerAkkaSerialization.Config as a fallback");
    }

    /// <summary>Whether a broker runs on a system already.</summary>
    private sealed class Started : ExtensionIdProvider<Started.Flag>
    {
        private static readonly Started Id = new();

        public static new Flag Get(ActorSystem system) => Id.Apply(system);

        public override Flag CreateExtension(ExtendedActorSystem system) => new();

        public sealed class Flag : IExtension
        {
            private int _value;

            public bool TryStart() => Interlocked.Exchange(ref _value, 1) == 0;
        }
    }
}
