using ActorBroker.Actors;
using ActorBroker.Cluster.Internal;
using ActorBroker.Cluster.Serialization;
using ActorBroker.Cluster.Status;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster;

/// <summary>
/// This node's view of and handle on the cluster (like Akka's <c>Cluster.Get(system)</c>): join, leave and down
/// members, subscribe to membership events, and read the current state. Requires
/// <c>actorbroker.actor.provider = cluster</c>; with seed-nodes configured the node joins on its own at start.
/// </summary>
public sealed class Cluster
{
    internal const string CoreDaemonName = "cluster-core";
    internal const string HeartbeatName = "cluster-heartbeat";
    internal const string PublisherName = "cluster-publisher";
    internal const string DowningName = "cluster-downing";
    internal const string PlacementReporterName = "cluster-placement";

    private readonly TaskCompletionSource _up = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _core;
    private readonly IActorRef _publisher;
    private volatile CurrentClusterState _state = CurrentClusterState.Empty;

    private Cluster(ActorSystem system)
    {
        System = system;
        Provider = system.Provider as ClusterActorRefProvider
            ?? throw new InvalidOperationException(
                $"Cluster.Get needs actorbroker.actor.provider = cluster, but actor system '{system.Name}' uses {system.Provider.GetType().Name}");
        Settings = ClusterSettings.FromConfig(system.Config);
        SelfUniqueAddress = Provider.LocalAddress;
        var log = system.LoggerFactory.CreateLogger("ActorBroker.Cluster");
        var impl = (ActorSystemImpl)system;
        ClusterMessageSerializer.Register(system);
        _publisher = impl.SystemActorOf(Props.Create(() => new ClusterEventPublisher(this)), PublisherName);
        var heartbeat = impl.SystemActorOf(Props.Create(() => new ClusterHeartbeatActor(this)), HeartbeatName);
        impl.SystemActorOf(Props.Create(() => new SplitBrainResolver(this)), DowningName);
        _core = impl.SystemActorOf(Props.Create(() => new ClusterCoreDaemon(this, _publisher, heartbeat)), CoreDaemonName);
        impl.SystemActorOf(Props.Create(() => new PlacementReporter(Placement, log)), PlacementReporterName);
        system.RegisterOnTermination(() => _removed.TrySetResult());
        log.LogInformation("Cluster node {Address} started with roles [{Roles}]", SelfAddress, string.Join(", ", Settings.Roles));
    }

    public static Cluster Get(ActorSystem system) => system.GetOrAddExtension(static s => new Cluster(s));

    public ActorSystem System { get; }

    public ClusterSettings Settings { get; }

    public Address SelfAddress => SelfUniqueAddress.Address;

    /// <summary>This incarnation of the node (address plus uid).</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    public IReadOnlyList<string> SelfRoles => Settings.Roles;

    /// <summary>The latest membership as this node sees it.</summary>
    public CurrentClusterState State => _state;

    /// <summary>This node as a member, or null before it has joined.</summary>
    public Member? SelfMember => _state.Members.FirstOrDefault(m => m.UniqueAddress.Equals(SelfUniqueAddress));

    /// <summary>Completes when this node has become Up.</summary>
    public Task WhenUp => _up.Task;

    /// <summary>Completes when this node's cluster has shut down: it left, was downed or removed, or the system terminated.</summary>
    public Task WhenRemoved => _removed.Task;

    public bool IsTerminated => _removed.Task.IsCompleted;

    internal ClusterActorRefProvider Provider { get; }

    /// <summary>Sends <paramref name="subscriber"/> the current state, then the events of the given types (IClusterDomainEvent for all).</summary>
    public void Subscribe(IActorRef subscriber, InitialStateMode initialState, params Type[] to)
    {
        if (to.Length == 0) to = [typeof(IClusterDomainEvent)];
        foreach (var type in to)
        {
            if (!typeof(IClusterDomainEvent).IsAssignableFrom(type))
                throw new ArgumentException($"{type.Name} is not a cluster event (IClusterDomainEvent)", nameof(to));
        }

        _publisher.Tell(new ClusterEventPublisher.Subscribe(subscriber, initialState, to));
    }

    public void Unsubscribe(IActorRef subscriber) => _publisher.Tell(new ClusterEventPublisher.Unsubscribe(subscriber));

    /// <summary>Joins the cluster that <paramref name="address"/> belongs to; this node's own address founds a new cluster.</summary>
    public void Join(Address address) => _core.Tell(new ClusterCoreDaemon.JoinTo(address));

    /// <summary>Joins through the first seed node that answers; the first seed founds the cluster when none does.</summary>
    public void JoinSeedNodes(IEnumerable<Address> seeds) => _core.Tell(new ClusterCoreDaemon.JoinSeedNodes([.. seeds]));

    /// <summary>Asks the cluster to let <paramref name="address"/> leave gracefully (Leaving, Exiting, Removed).</summary>
    public void Leave(Address address) => _core.Tell(new Leave(address));

    /// <summary>Marks <paramref name="address"/> Down: the leader removes it even though it cannot confirm.</summary>
    public void Down(Address address) => _core.Tell(new Down(address));

    /// <summary>Leaves gracefully and completes once this node is out of the cluster (or leave-timeout passed).</summary>
    public async Task LeaveAsync()
    {
        if (SelfMember is null)
        {
            _removed.TrySetResult();
            return;
        }

        Leave(SelfAddress);
        await Task.WhenAny(WhenRemoved, Task.Delay(Settings.LeaveTimeout)).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="callback"/> when this node becomes Up (at once if it already is).</summary>
    public void RegisterOnMemberUp(Action callback) => _up.Task.ContinueWith(_ => callback(), TaskScheduler.Default);

    /// <summary>Runs <paramref name="callback"/> when this node's cluster shuts down.</summary>
    public void RegisterOnMemberRemoved(Action callback) => _removed.Task.ContinueWith(_ => callback(), TaskScheduler.Default);

    /// <summary>Singleton managers and sharded types on this node, for <see cref="GetPlacementStatus"/>.</summary>
    internal PlacementSources Placement { get; } = new();

    internal void UpdateState(CurrentClusterState state) => _state = state;

    internal void OnSelfUp() => _up.TrySetResult();

    internal void OnSelfRemoved() => _removed.TrySetResult();

    internal bool IsMember(Address address) => _state.Members.Any(m => m.Address.Equals(address));
}
