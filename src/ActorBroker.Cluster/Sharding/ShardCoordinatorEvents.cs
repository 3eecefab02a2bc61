using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// The coordinator's journal events (JSON in the journal, so readable by every node that can read the journal).
/// Persisted contracts: add fields, never rename or reuse them.
/// </summary>
internal interface IShardCoordinatorEvent;

internal sealed record ShardRegionRegistered(IActorRef Region) : IShardCoordinatorEvent;

internal sealed record ShardRegionProxyRegistered(IActorRef RegionProxy) : IShardCoordinatorEvent;

internal sealed record ShardRegionTerminated(IActorRef Region) : IShardCoordinatorEvent;

internal sealed record ShardRegionProxyTerminated(IActorRef RegionProxy) : IShardCoordinatorEvent;

internal sealed record ShardHomeAllocated(string Shard, IActorRef Region) : IShardCoordinatorEvent;

internal sealed record ShardHomeDeallocated(string Shard) : IShardCoordinatorEvent;

/// <summary>The wanted node of a shard, set through <see cref="UpdateShardLocation"/> (external placement).</summary>
internal sealed record ShardLocationUpdated(string Shard, Address Location) : IShardCoordinatorEvent;
