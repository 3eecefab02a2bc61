using System.Collections.Concurrent;
using ActorBroker.Actors;

namespace ActorBroker.Cluster.Status;

/// <summary>
/// What this node can report placement for: the singleton managers started on it and the sharded types it
/// knows. Managers and sharding register themselves here; the placement reporter asks them.
/// </summary>
internal sealed class PlacementSources
{
    private readonly ConcurrentDictionary<IActorRef, string?> _singletonManagers = new();
    private readonly ConcurrentDictionary<string, Func<TimeSpan, Task<IReadOnlyList<ShardPlacement>>>> _shardedTypes = new();

    public IEnumerable<KeyValuePair<IActorRef, string?>> SingletonManagers => _singletonManagers;

    public IEnumerable<KeyValuePair<string, Func<TimeSpan, Task<IReadOnlyList<ShardPlacement>>>>> ShardedTypes => _shardedTypes;

    public void AddSingletonManager(IActorRef manager, string? role) => _singletonManagers[manager] = role;

    public void RemoveSingletonManager(IActorRef manager) => _singletonManagers.TryRemove(manager, out _);

    /// <summary>Registers a sharded type; <paramref name="query"/> asks its coordinator for shard counts per node within the timeout.</summary>
    public void AddShardedType(string typeName, Func<TimeSpan, Task<IReadOnlyList<ShardPlacement>>> query) => _shardedTypes[typeName] = query;
}
