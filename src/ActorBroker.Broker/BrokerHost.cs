using ActorBroker.Actors;
using ActorBroker.Broker.Controller;
using ActorBroker.Broker.Internal;
using ActorBroker.Broker.Metadata;
using ActorBroker.Broker.Partitions;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Routing;
using ActorBroker.Cluster.Client;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Cluster.Singleton;
using ActorBroker.Protocol;
using Microsoft.Extensions.Logging;

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
        if (Interlocked.Exchange(ref system.GetOrAddExtension(static _ => new StartedFlag()).Value, 1) == 1)
            throw new InvalidOperationException($"A broker is already started on {system.Address}; start one per actor system");
        settings ??= BrokerSettings.Create(system);
        var cluster = Cluster.Cluster.Get(system);
        var nodeId = NodeIds.Of(cluster.SelfAddress);
        ProtocolSerialization.Register(system);
        BrokerSerialization.Register(system);

        var metadata = new LocalMetadata();
        var proxy = system.ActorOf(ClusterSingletonProxy.Props($"/user/{ControllerManagerName}", ClusterSingletonProxySettings.Create(system)), ControllerProxyName);
        var replicaContext = new ReplicaContext(nodeId, proxy);
        var localReplicas = new LocalReplicas();
        var replicas = system.ActorOf(ReplicaManager.Props(nodeId, localReplicas, (partition, topicId, config) => partitionProps(partition, topicId, config, replicaContext)),
            ReplicaManager.Name);
        var factory = new PartitionEntityFactory(metadata, nodeId, localReplicas, system.LoggerFactory.CreateLogger("ActorBroker.Broker.Routing"));
        var sharding = ClusterShardingSettings.Create(system);
        var region = ClusterSharding.Get(system).Start(PartitionTypeName, factory.Create, sharding, new PartitionMessageExtractor(),
            new ExternalShardAllocationStrategy(LeastShardAllocationStrategy.From(sharding)), StopPartition.Instance);

        var controller = ControllerSupervisor.Props(BrokerController.Props(settings, region), settings.ControllerRestartBackoff);
        system.ActorOf(ClusterSingletonManager.Props(controller, PoisonPill.Instance, ClusterSingletonManagerSettings.Create(system)), ControllerManagerName);
        var cache = system.ActorOf(Broker.Metadata.MetadataCache.Props(metadata, proxy, nodeId, settings, replicas), MetadataCacheName);
        var front = system.ActorOf(BrokerFront.Props(metadata, cache, proxy, region, settings), FrontName);
        ClusterClientReceptionist.Get(system).RegisterService(front);

        system.LoggerFactory.CreateLogger("ActorBroker.Broker").LogInformation(
            "Broker node {Node} started: clients send to {Front}; the controller runs as a singleton under /user/{Controller}",
            nodeId, front.Path, ControllerManagerName);
        return new BrokerHost(nodeId, settings, metadata, front, cache, proxy, region);
    }

    private sealed class StartedFlag
    {
        public int Value;
    }
}
