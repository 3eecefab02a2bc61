using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>Ask a shard region for the shards and entities it hosts; answered with <see cref="CurrentShardRegionState"/>.</summary>
public sealed record GetShardRegionState
{
    public static readonly GetShardRegionState Instance = new();
}

public sealed record CurrentShardRegionState(IReadOnlyList<ShardState> Shards);

/// <summary>One shard on a region and the ids of its running entities.</summary>
public sealed record ShardState(string ShardId, IReadOnlyList<string> EntityIds);

/// <summary>Ask a shard region (it asks the coordinator) for the registered regions; answered with <see cref="CurrentRegions"/>.</summary>
public sealed record GetCurrentRegions
{
    public static readonly GetCurrentRegions Instance = new();
}

public sealed record CurrentRegions(IReadOnlyList<Address> Regions);

/// <summary>Ask a shard region (it asks the coordinator) how many shards each node hosts; answered with <see cref="ClusterShardingStats"/>.</summary>
public sealed record GetClusterShardingStats
{
    public static readonly GetClusterShardingStats Instance = new();
}

/// <summary>The coordinator's view: every registered region (by node) with the shards allocated to it.</summary>
public sealed record ClusterShardingStats(IReadOnlyList<RegionShards> Regions);

public sealed record RegionShards(Address Address, IReadOnlyList<string> ShardIds);

/// <summary>
/// External placement: the coordinator persists that <paramref name="ShardId"/> should live on the node at
/// <paramref name="Location"/> and, if it lives elsewhere, hands it off there at once. Send to a shard region (it
/// forwards to the coordinator); answered with <see cref="UpdateShardLocationDone"/>. Takes effect with
/// <see cref="ExternalShardAllocationStrategy"/>.
/// </summary>
public sealed record UpdateShardLocation(string ShardId, Address Location);

public sealed record UpdateShardLocationDone(string ShardId);

/// <summary>Ask a shard region (it asks the coordinator) for the wanted shard locations; answered with <see cref="ShardLocations"/>.</summary>
public sealed record GetShardLocations
{
    public static readonly GetShardLocations Instance = new();
}

public sealed record ShardLocations(IReadOnlyDictionary<string, Address> Locations);
