using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// The default strategy: a new shard goes to the region with the fewest shards, and rebalancing moves shards
/// from regions above the even share (ceiling of shards / regions) until every region is within one of it,
/// at most <c>min(absoluteLimit, relativeLimit × shards)</c> (but at least one) per round, and only when no
/// earlier rebalance is still in progress.
/// </summary>
public sealed class LeastShardAllocationStrategy : IShardAllocationStrategy
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();
    private readonly int _absoluteLimit;
    private readonly double _relativeLimit;

    public LeastShardAllocationStrategy(int absoluteLimit, double relativeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(absoluteLimit);
        if (relativeLimit is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(relativeLimit), relativeLimit, "must be between 0 and 1");
        _absoluteLimit = absoluteLimit;
        _relativeLimit = relativeLimit;
    }

    /// <summary>The strategy with the limits of <c>least-shard-allocation-strategy</c> in <paramref name="settings"/>.</summary>
    public static LeastShardAllocationStrategy From(ClusterShardingSettings settings) =>
        new(settings.RebalanceAbsoluteLimit, settings.RebalanceRelativeLimit);

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations) =>
        Task.FromResult(LeastLoaded(currentShardAllocations));

    /// <summary>The region with the fewest shards; ties go to the lowest address, so the choice is deterministic.</summary>
    internal static IActorRef LeastLoaded(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> allocations)
    {
        IActorRef? best = null;
        var bestCount = int.MaxValue;
        foreach (var (region, shards) in allocations)
        {
            if (shards.Count < bestCount || (shards.Count == bestCount && best is not null && CompareRegions(region, best) < 0))
            {
                best = region;
                bestCount = shards.Count;
            }
        }

        return best ?? throw new InvalidOperationException("No shard region is registered to allocate a shard to");
    }

    public Task<IReadOnlySet<string>> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations, IReadOnlySet<string> rebalanceInProgress)
    {
        if (rebalanceInProgress.Count > 0 || currentShardAllocations.Count < 2) return Task.FromResult(None);
        var total = 0;
        foreach (var shards in currentShardAllocations.Values) total += shards.Count;
        if (total == 0) return Task.FromResult(None);
        var limit = Math.Max(1, Math.Min(_absoluteLimit, (int)(_relativeLimit * total)));
        var regions = currentShardAllocations.Count;
        var ceiling = (total + regions - 1) / regions;
        var floor = total / regions;
        var ordered = currentShardAllocations.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, RegionComparer.Instance).ToList();

        // Phase 1: regions above the even share give their surplus.
        var selected = new HashSet<string>();
        foreach (var (_, shards) in ordered)
        {
            for (var i = ceiling; i < shards.Count && selected.Count < limit; i++) selected.Add(shards[i]);
        }

        if (selected.Count > 0) return Task.FromResult<IReadOnlySet<string>>(selected);

        // Phase 2: everyone is at most at the ceiling, but some region may be below the floor (e.g. 2,2,0).
        var deficit = 0;
        foreach (var (_, shards) in ordered) deficit += Math.Max(0, floor - shards.Count);
        if (deficit == 0 || ceiling == floor) return Task.FromResult(None);
        foreach (var (_, shards) in ordered)
        {
            if (selected.Count >= Math.Min(deficit, limit)) break;
            if (shards.Count == ceiling) selected.Add(shards[^1]);
        }

        return Task.FromResult<IReadOnlySet<string>>(selected);
    }

    private static int CompareRegions(IActorRef a, IActorRef b)
    {
        var c = AddressOrdering.Compare(a.Path.Address, b.Path.Address);
        return c != 0 ? c : string.CompareOrdinal(a.Path.ToString(), b.Path.ToString());
    }

    private sealed class RegionComparer : IComparer<IActorRef>
    {
        public static readonly RegionComparer Instance = new();

        public int Compare(IActorRef? x, IActorRef? y) => CompareRegions(x!, y!);
    }
}
