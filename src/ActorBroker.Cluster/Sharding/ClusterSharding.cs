using ActorBroker.Actors;
using ActorBroker.Cluster.Singleton;
using ActorBroker.Cluster.Status;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Cluster sharding, modelled on Akka's <c>ClusterSharding.Get(system)</c>: <see cref="Start(string, Func{string, Props}, ClusterShardingSettings, IMessageExtractor, IShardAllocationStrategy, object)"/>
/// an entity type on every node that hosts it, <see cref="StartProxy"/> on nodes that only send to it, then send
/// messages to the returned shard region (<c>/system/sharding/{typeName}</c>): each reaches its entity wherever
/// the entity's shard lives, and entities are created on their first message.
/// </summary>
public sealed class ClusterSharding
{
    internal const string GuardianName = "sharding";
    internal const string CoordinatorSingletonName = "singleton";

    private readonly ActorSystem _system;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IActorRef> _regions = [];
    private readonly ActorCell _guardian;
    private readonly ILogger _log;

    private ClusterSharding(ActorSystem system)
    {
        _system = system;
        Cluster = Cluster.Get(system);
        ShardingSerialization.Register(system);
        var guardian = ((ActorSystemImpl)system).SystemActorOf(Props.Create(() => new ShardingGuardian()), GuardianName);
        _guardian = ((LocalActorRef)guardian).Cell;
        _log = system.LoggerFactory.CreateLogger("ActorBroker.Cluster.Sharding");
    }

    public static ClusterSharding Get(ActorSystem system) => system.GetOrAddExtension(static s => new ClusterSharding(s));

    internal Cluster Cluster { get; }

    /// <summary>The entity types with a region (or proxy) on this node.</summary>
    public IReadOnlyCollection<string> ShardTypeNames
    {
        get
        {
            lock (_lock) return [.. _regions.Keys];
        }
    }

    /// <summary>
    /// Starts the shard region of <paramref name="typeName"/> on this node, and its coordinator (a cluster
    /// singleton), and returns the region. Call it on every node that hosts the type, with the same settings,
    /// extractor and strategy. A node without <see cref="ClusterShardingSettings.Role"/> gets a proxy. Starting a
    /// started type returns the existing region.
    /// </summary>
    /// <param name="typeName">Names the type cluster-wide: the region's actor name and the coordinator's persistence id.</param>
    /// <param name="entityProps">Props of the entity with the given id.</param>
    /// <param name="settings">Usually <see cref="ClusterShardingSettings.Create"/>; must be the same on every node.</param>
    /// <param name="extractor">Maps messages to entity and shard ids; must be the same on every node.</param>
    /// <param name="allocationStrategy">Where shards go; used by the coordinator when it runs on this node.</param>
    /// <param name="handOffStopMessage">Sent to each entity to stop it for a hand-off or idle passivation (PoisonPill if it needs no cleanup).</param>
    public IActorRef Start(string typeName, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor,
        IShardAllocationStrategy allocationStrategy, object handOffStopMessage)
    {
        ArgumentNullException.ThrowIfNull(entityProps);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(allocationStrategy);
        ArgumentNullException.ThrowIfNull(handOffStopMessage);
        ValidateTypeName(typeName);
        if (settings.Role is { } role && !Cluster.SelfRoles.Contains(role))
        {
            _log.LogInformation("Sharding type {TypeName} runs on role {Role}, which this node lacks: starting a proxy", typeName, role);
            return StartProxy(typeName, role, extractor);
        }

        lock (_lock)
        {
            if (_regions.TryGetValue(typeName, out var existing)) return existing;
            var coordinator = ShardCoordinatorSupervisor.Props(ShardCoordinator.Props(typeName, settings, allocationStrategy), settings.CoordinatorFailureBackoff);
            var singleton = ClusterSingletonManagerSettings.Create(_system) with { SingletonName = CoordinatorSingletonName };
            _guardian.ActorOf(ClusterSingletonManager.Props(coordinator, PoisonPill.Instance, singleton.WithRole(settings.Role)), typeName + "Coordinator");
            var region = _guardian.ActorOf(Sharding.ShardRegion.Props(typeName, entityProps, settings, extractor, handOffStopMessage), typeName);
            _regions[typeName] = region;
            RegisterPlacement(typeName, region);
            _log.LogInformation("Started shard region {TypeName} ({Path}), remember-entities {Remember}, allocation {Strategy}",
                typeName, region.Path, settings.RememberEntities ? "on" : "off", allocationStrategy.GetType().Name);
            return region;
        }
    }

    /// <summary>Starts <paramref name="typeName"/> with the given settings and extractor, least-shard allocation and PoisonPill as hand-off stop message.</summary>
    public IActorRef Start(string typeName, Props entityProps, ClusterShardingSettings settings, IMessageExtractor extractor) =>
        Start(typeName, _ => entityProps, settings, extractor, LeastShardAllocationStrategy.From(settings), PoisonPill.Instance);

    /// <summary>Starts <paramref name="typeName"/> with the configured settings and <see cref="ShardingEnvelope"/> messages over number-of-shards shards.</summary>
    public IActorRef Start(string typeName, Func<string, Props> entityProps)
    {
        var settings = ClusterShardingSettings.Create(_system);
        return Start(typeName, entityProps, settings, new HashCodeMessageExtractor(settings.NumberOfShards), LeastShardAllocationStrategy.From(settings), PoisonPill.Instance);
    }

    /// <summary>
    /// Starts a proxy region of <paramref name="typeName"/>: it hosts no entities and runs no coordinator, but routes
    /// messages to the regions on members with <paramref name="role"/> (null = any member).
    /// </summary>
    public IActorRef StartProxy(string typeName, string? role, IMessageExtractor extractor)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ValidateTypeName(typeName);
        var settings = ClusterShardingSettings.Create(_system).WithRole(role);
        lock (_lock)
        {
            if (_regions.TryGetValue(typeName, out var existing)) return existing;
            var proxy = _guardian.ActorOf(Sharding.ShardRegion.Props(typeName, null, settings, extractor, PoisonPill.Instance), typeName);
            _regions[typeName] = proxy;
            RegisterPlacement(typeName, proxy);
            _log.LogInformation("Started shard region proxy {TypeName} ({Path}) for role {Role}", typeName, proxy.Path, role ?? "(any)");
            return proxy;
        }
    }

    /// <summary>The region (or proxy) of a started type.</summary>
    /// <exception cref="InvalidOperationException">The type was not started on this node.</exception>
    public IActorRef ShardRegion(string typeName)
    {
        lock (_lock)
        {
            if (_regions.TryGetValue(typeName, out var region)) return region;
            var started = _regions.Count == 0 ? "none" : string.Join(", ", _regions.Keys);
            throw new InvalidOperationException(
                $"Shard type '{typeName}' is not started on {_system.Address}: call ClusterSharding.Get(system).Start or StartProxy for it first (started here: {started})");
        }
    }

    /// <summary>
    /// External placement of <paramref name="typeName"/>'s shards (takes effect with <see cref="ExternalShardAllocationStrategy"/>):
    /// put a shard on a named node, and move it there at once.
    /// </summary>
    public ExternalShardAllocationClient ShardLocations(string typeName) => new(ShardRegion(typeName), ClusterShardingSettings.Create(_system).HandOffTimeout);

    /// <summary>Lets <c>cluster status</c> show how many shards of the type each node hosts, as the coordinator allocated them.</summary>
    private void RegisterPlacement(string typeName, IActorRef region) =>
        Cluster.Placement.AddShardedType(typeName, async timeout =>
        {
            var stats = await region.Ask<ClusterShardingStats>(GetClusterShardingStats.Instance, timeout).ConfigureAwait(false);
            return [.. stats.Regions.Select(r => new ShardPlacement(typeName, r.Address.ToString(), r.ShardIds.Count))];
        });

    private static void ValidateTypeName(string typeName)
    {
        if (string.IsNullOrEmpty(typeName) || !ActorPath.IsValidElement(typeName) || typeName.Contains('*') || typeName.Contains('?'))
            throw new ArgumentException($"'{typeName}' cannot name a sharded type: it is an actor name, use letters, digits and -_.", nameof(typeName));
    }
}
