using System.Collections.Concurrent;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Cluster.Tests.MultiNode;
using ActorBroker.Persistence.InMemory;
using ActorBroker.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Sharding;

/// <summary>
/// Nodes of one cluster that share an in-memory journal (as nodes sharing a PostgreSQL database would), with
/// sharding timings short enough for tests, an entity that answers where it runs, and a log of entity starts and stops.
/// </summary>
public abstract class ShardingTestBase(ITestOutputHelper output) : ClusterTestBase(output)
{
    protected const string TypeName = "partition";

    private readonly InMemoryJournalStorage _journal = new();
    private readonly InMemorySnapshotStorage _snapshots = new();

    /// <summary>"start@port:entity" and "stop@port:entity", in the order they happened on any node.</summary>
    protected ConcurrentQueue<string> Lifecycle { get; } = new();

    protected static readonly HashCodeMessageExtractor Extractor = new PingExtractor(10);

    /// <summary>Starts the cluster and gives every node the shared journal and the test messages' serializer.</summary>
    protected async Task<List<ActorSystem>> StartShardedClusterAsync(int count)
    {
        var nodes = await StartClusterAsync(count);
        foreach (var node in nodes) Prepare(node);
        return nodes;
    }

    protected void Prepare(ActorSystem node)
    {
        Persistence.Persistence.Use(node, new InMemoryJournalStore(_journal), new InMemorySnapshotStore(_snapshots));
        foreach (var type in new[] { typeof(Ping), typeof(Pong), typeof(PassivateMe) }) node.Serialization.Bind(type, JsonMessageSerializer.Id);
    }

    /// <summary>How many events the shared journal holds for <paramref name="persistenceId"/>.</summary>
    protected long EventsIn(string persistenceId) =>
        new InMemoryJournalStore(_journal).ReadHighestSequenceNrAsync(persistenceId, 0, CancellationToken.None).GetAwaiter().GetResult();

    protected static ClusterShardingSettings FastSettings(ActorSystem node) => ClusterShardingSettings.Create(node) with
    {
        RetryInterval = TimeSpan.FromMilliseconds(200),
        HandOffTimeout = TimeSpan.FromSeconds(5),
        ShardStartTimeout = TimeSpan.FromSeconds(2),
        RebalanceInterval = TimeSpan.FromMinutes(5), // rebalancing only when a test asks for it
        CoordinatorFailureBackoff = TimeSpan.FromMilliseconds(500),
        EntityRestartBackoff = TimeSpan.FromMilliseconds(500),
    };

    protected IActorRef StartSharding(ActorSystem node, ClusterShardingSettings? settings = null, IShardAllocationStrategy? strategy = null)
    {
        settings ??= FastSettings(node);
        var lifecycle = Lifecycle;
        return ClusterSharding.Get(node).Start(TypeName, id => Props.Create(() => new PingEntity(id, lifecycle)), settings, Extractor,
            strategy ?? LeastShardAllocationStrategy.From(settings), PoisonPill.Instance);
    }

    /// <summary>Sends a ping through <paramref name="region"/> and waits for the pong, retrying while the entity's home is being re-established.</summary>
    protected static async Task<Pong> PingUntilAnsweredAsync(ActorSystem node, IActorRef region, string entityId, int seq = 0)
    {
        var probe = TestKitBase.CreateTestProbe(node);
        Pong? pong = null;
        await probe.AwaitConditionAsync(() =>
        {
            region.Tell(new Ping(entityId, seq), probe.Ref);
            pong = probe.ReceiveOne(TimeSpan.FromSeconds(1)) as Pong;
            return pong is not null;
        }, Long, TimeSpan.FromMilliseconds(10), $"entity {entityId} did not answer through {region.Path}");
        return pong!;
    }

    /// <summary>Waits until every node's region found the coordinator and the coordinator knows <paramref name="regions"/> regions.</summary>
    protected static async Task AwaitRegisteredAsync(IReadOnlyList<ActorSystem> nodes, int regions)
    {
        foreach (var node in nodes)
        {
            var region = ClusterSharding.Get(node).ShardRegion(TypeName);
            await TestKitBase.CreateTestProbe(node).AwaitConditionAsync(() =>
            {
                try
                {
                    return region.Ask<CurrentRegions>(GetCurrentRegions.Instance, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult().Regions.Count == regions;
                }
                catch (InvalidOperationException)
                {
                    return false; // its coordinator is not known yet
                }
                catch (AskTimeoutException)
                {
                    return false; // it still asks the coordinator on a killed node
                }
            }, Long, TimeSpan.FromMilliseconds(50), $"{region.Path} did not see {regions} registered regions");
        }
    }

    protected static Task<CurrentShardRegionState> RegionStateAsync(ActorSystem node) =>
        ClusterSharding.Get(node).ShardRegion(TypeName).Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5));

    protected static bool Hosts(CurrentShardRegionState state, string shardId) => state.Shards.Any(s => s.ShardId == shardId);

    protected int CountOf(string entry) => Lifecycle.Count(e => e == entry);

    protected static string Port(ActorSystem node) => node.Address.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record Ping(string EntityId, int Seq);

/// <summary>The entity's answer: where it runs (<paramref name="Port"/>) and which incarnation (<paramref name="Uid"/>).</summary>
public sealed record Pong(string EntityId, int Seq, int Port, int Uid);

/// <summary>Asks the entity to passivate itself.</summary>
public sealed record PassivateMe(string EntityId);

internal sealed class PingExtractor(int shards) : HashCodeMessageExtractor(shards)
{
    public override string? EntityId(object message) => message switch
    {
        Ping p => p.EntityId,
        PassivateMe p => p.EntityId,
        _ => base.EntityId(message),
    };
}

internal sealed class PingEntity : ReceiveActor
{
    private readonly string _id;
    private readonly ConcurrentQueue<string> _lifecycle;
    private readonly string _port;

    public PingEntity(string id, ConcurrentQueue<string> lifecycle)
    {
        _id = id;
        _lifecycle = lifecycle;
        _port = Self.Path.Address.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Receive<Ping>(p => Sender.Tell(new Pong(p.EntityId, p.Seq, Self.Path.Address.Port!.Value, Self.Path.Uid), Self));
        Receive<PassivateMe>(_ => Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self));
    }

    protected override void PreStart() => _lifecycle.Enqueue($"start@{_port}:{_id}");

    protected override void PostStop() => _lifecycle.Enqueue($"stop@{_port}:{_id}");
}
