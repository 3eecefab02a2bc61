using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Placement driven from outside (the broker's controller decides which node leads which partition): a shard
/// with a wanted location, set with <see cref="UpdateShardLocation"/> (see <see cref="ClusterSharding.ShardLocations"/>),
/// is allocated to the region on that node and moved there at once when the location changes; shards without
/// one, or whose node has no region, fall back to <see cref="LeastShardAllocationStrategy"/> (or the given fallback).
/// The wanted locations are persisted by the coordinator, which feeds them to this strategy.
/// </summary>
public sealed class ExternalShardAllocationStrategy(IShardAllocationStrategy fallback) : IShardAllocationStrategy
{
    private Dictionary<string, Address> _locations = [];

    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations)
    {
        if (_locations.TryGetValue(shardId, out var wanted) && RegionAt(wanted, currentShardAllocations) is { } region)
            return Task.FromResult(region);
        return fallback.AllocateShard(requester, shardId, currentShardAllocations);
    }

    public async Task<IReadOnlySet<string>> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations, IReadOnlySet<string> rebalanceInProgress)
    {
        var moves = new HashSet<string>();
        var unplaced = new Dictionary<IActorRef, IReadOnlyList<string>>(currentShardAllocations.Count);
        foreach (var (region, shards) in currentShardAllocations)
        {
            var free = new List<string>(shards.Count);
            foreach (var shard in shards)
            {
                if (!_locations.TryGetValue(shard, out var wanted))
                {
                    free.Add(shard);
                    continue;
                }

                // Pinned shards are the controller's business: moved only to where they are wanted, never by the fallback.
                if (!region.Path.Address.Equals(wanted) && !rebalanceInProgress.Contains(shard) && RegionAt(wanted, currentShardAllocations) is not null)
                    moves.Add(shard);
            }

            unplaced[region] = free;
        }

        foreach (var shard in await fallback.Rebalance(unplaced, rebalanceInProgress).ConfigureAwait(false)) moves.Add(shard);
        return moves;
    }

    /// <summary>Called by the coordinator (on its thread) after recovery and after each location change.</summary>
    internal void SetLocations(IReadOnlyDictionary<string, Address> locations) => _locations = new Dictionary<string, Address>(locations);

    private static IActorRef? RegionAt(Address address, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> regions)
    {
        foreach (var region in regions.Keys)
        {
            if (region.Path.Address.Equals(address)) return region;
        }

        return null;
    }
}
