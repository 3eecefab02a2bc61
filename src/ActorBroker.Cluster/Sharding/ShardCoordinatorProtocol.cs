using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

// The messages between shard regions and the coordinator, modelled on Akka's ShardCoordinator.Internal.
// They cross the network (JSON-bound in ShardingSerialization): add fields, never rename or reuse them.

/// <summary>A region asks to be registered; <paramref name="HostedShards"/> lets a coordinator with an empty or stale journal adopt the live placement.</summary>
internal sealed record Register(IActorRef ShardRegion, IReadOnlyList<string> HostedShards);

/// <summary>A proxy region (hosting no shards) asks to be registered, to hear of hand-offs.</summary>
internal sealed record RegisterProxy(IActorRef ShardRegionProxy);

internal sealed record RegisterAck(IActorRef Coordinator);

/// <summary>Where does this shard live? Answered with <see cref="ShardHome"/>, once the shard has a home.</summary>
internal sealed record GetShardHome(string Shard);

internal sealed record ShardHome(string Shard, IActorRef Region);

/// <summary>The coordinator allocated the shard to the receiving region; it starts the shard and answers <see cref="ShardStarted"/>.</summary>
internal sealed record HostShard(string Shard);

internal sealed record ShardStarted(string Shard);

/// <summary>First step of a hand-off, to every region: forget where the shard lives and buffer its messages.</summary>
internal sealed record BeginHandOff(string Shard);

internal sealed record BeginHandOffAck(string Shard);

/// <summary>Second step, to the hosting region: stop the shard's entities; answered with <see cref="ShardStopped"/>.</summary>
internal sealed record HandOff(string Shard);

internal sealed record ShardStopped(string Shard);
