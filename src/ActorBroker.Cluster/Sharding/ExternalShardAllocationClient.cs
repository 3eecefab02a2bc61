using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Sets where shards of one type should live (e.g. the broker's controller placing partition leaders). Talks to
/// the coordinator through the local region; each update is persisted by the coordinator before it completes.
/// </summary>
public sealed class ExternalShardAllocationClient(IActorRef region, TimeSpan timeout)
{
    /// <summary>Wants <paramref name="shardId"/> on the node at <paramref name="location"/>; moves it there now if it lives elsewhere.</summary>
    public Task UpdateShardLocation(string shardId, Address location) =>
        region.Ask<UpdateShardLocationDone>(new UpdateShardLocation(shardId, location), timeout);

    /// <summary>The wanted locations set so far.</summary>
    public async Task<IReadOnlyDictionary<string, Address>> ShardLocations() =>
        (await region.Ask<ShardLocations>(GetShardLocations.Instance, timeout).ConfigureAwait(false)).Locations;
}
