using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Decides where shards live, as in Akka: the coordinator asks it for a home for each new shard and, every
/// rebalance-interval, which shards to move. Both calls run on the coordinator (its results are piped back
/// to it), so an implementation may be async but must not block, and must not keep references to the maps.
/// </summary>
public interface IShardAllocationStrategy
{
    /// <summary>
    /// The region that should host <paramref name="shardId"/>; one of the keys of
    /// <paramref name="currentShardAllocations"/> (the registered regions, with the shards each hosts).
    /// <paramref name="requester"/> is the region that asked (it may be a proxy).
    /// </summary>
    Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations);

    /// <summary>The shards to move now; they are handed off and allocated anew. <paramref name="rebalanceInProgress"/> are moving already.</summary>
    Task<IReadOnlySet<string>> Rebalance(IReadOnlyDictionary<IActorRef, IReadOnlyList<string>> currentShardAllocations, IReadOnlySet<string> rebalanceInProgress);
}
