using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// What the coordinator knows, rebuilt from its events: the registered regions with their shards, the
/// proxies, where each shard lives, and where shards are wanted (external placement). Owned by the coordinator.
/// </summary>
internal sealed class ShardCoordinatorState
{
    public Dictionary<IActorRef, List<string>> Regions { get; } = [];

    public HashSet<IActorRef> Proxies { get; } = [];

    public Dictionary<string, IActorRef> Shards { get; } = [];

    public Dictionary<string, Address> Locations { get; } = [];

    public void Apply(IShardCoordinatorEvent e)
    {
        switch (e)
        {
            case ShardRegionRegistered r:
                Regions.TryAdd(r.Region, []);
                break;
            case ShardRegionProxyRegistered p:
                Proxies.Add(p.RegionProxy);
                break;
            case ShardRegionTerminated t:
                if (Regions.Remove(t.Region, out var shards))
                {
                    foreach (var shard in shards) Shards.Remove(shard);
                }

                break;
            case ShardRegionProxyTerminated t:
                Proxies.Remove(t.RegionProxy);
                break;
            case ShardHomeAllocated a:
                if (Shards.TryGetValue(a.Shard, out var previous) && Regions.TryGetValue(previous, out var old)) old.Remove(a.Shard);
                Shards[a.Shard] = a.Region;
                if (!Regions.TryGetValue(a.Region, out var list))
                {
                    list = [];
                    Regions[a.Region] = list;
                }

                list.Add(a.Shard);
                break;
            case ShardHomeDeallocated d:
                if (Shards.Remove(d.Shard, out var region) && Regions.TryGetValue(region, out var hosted)) hosted.Remove(d.Shard);
                break;
            case ShardLocationUpdated l:
                Locations[l.Shard] = l.Location;
                break;
        }
    }

    /// <summary>A copy for the allocation strategy, which runs asynchronously and must not see later changes.</summary>
    public Dictionary<IActorRef, IReadOnlyList<string>> AllocationsSnapshot()
    {
        var copy = new Dictionary<IActorRef, IReadOnlyList<string>>(Regions.Count);
        foreach (var (region, shards) in Regions) copy[region] = [.. shards];
        return copy;
    }
}
