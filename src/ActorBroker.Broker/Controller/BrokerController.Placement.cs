using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Sharding.External;
using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Placing partition entities on their leaders' nodes. The <c>partition</c> type uses Akka's external shard
/// allocation: the controller, not a balancer, decides where each leader lives, so it writes the wanted location of
/// every shard through the <see cref="IExternalShardAllocationClient"/> (replicated by distributed data) and the
/// coordinator's <see cref="ExternalShardAllocationStrategy"/> allocates the shard there, or moves it there at its
/// next rebalance. A placement is done once the location is stored and the shard is on that node, or unallocated
/// while that node's region is registered (its next message then starts it there). Everything is retried every
/// retry-interval until it holds, so a moving coordinator only delays it. The client's tasks come back as messages.
/// </summary>
internal sealed partial class BrokerController
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, Placement> _placements = new(StringComparer.Ordinal);
    private int _placementRounds;

    /// <summary>Places <paramref name="partition"/> on its leader's node, if that node is Up (else when it is Up again).</summary>
    private void Place(TopicPartition partition)
    {
        if (AddPlacement(partition, recovered: false) is { } placement) StoreLocation(partition.ToString(), placement.Wanted);
    }

    /// <summary>
    /// After a start: checks every recovered partition's placement. The stored locations are read first, so only the
    /// ones missing are written again (each write is gossiped to every node).
    /// </summary>
    private void PlaceAllRecovered()
    {
        foreach (var topic in _state.AllTopics)
        {
            for (var i = 0; i < topic.Partitions.Count; i++) AddPlacement(topic.PartitionId(i), recovered: true);
        }

        if (_placements.Count > 0) ReadLocations();
    }

    private void StoreLocation(string shardId, Address wanted) =>
        _shardLocations.UpdateShardLocation(shardId, wanted).PipeTo(Self, Self, success: _ => new ShardLocationStored(shardId, wanted));

    // A majority read: a location written by the previous controller just before it died may not have reached this node yet.
    private void ReadLocations() => _shardLocations.ShardLocations().PipeTo(Self, Self);

    private Placement? AddPlacement(TopicPartition partition, bool recovered)
    {
        if (LeaderOf(partition) is not { } leader || !IsUp(leader, out var address)) return null;
        return _placements[partition.ToString()] = new Placement(address) { Unverified = recovered };
    }

    private void ForgetPlacementsOn(string nodeId)
    {
        foreach (var entityId in _placements.Keys.ToList())
        {
            if (TopicPartition.TryParse(entityId, out var partition) && LeaderOf(partition) == nodeId) _placements.Remove(entityId);
        }
    }

    private void RetryPlacements()
    {
        if (_placements.Count == 0) return;
        var (unverified, stored) = (0, 0);
        foreach (var (entityId, placement) in _placements)
        {
            if (placement.Unverified) unverified++;
            else if (placement.LocationStored) stored++;
            else StoreLocation(entityId, placement.Wanted);
        }

        if (unverified > 0) ReadLocations();
        // The coordinator answers no region at all if any region is slower than this: generous, as answers may overlap.
        if (stored > 0) _partitionRegion.Tell(new GetClusterShardingStats(StatsTimeout), Self);
        if (++_placementRounds % 10 == 0)
            _log.Warning("{Count} partitions are not yet placed on their leaders' nodes after {Rounds} attempts (is the partition shard coordinator running, and does it rebalance?): {Partitions}",
                _placements.Count, _placementRounds, string.Join(", ", _placements.Keys.Take(20)));
    }

    private void OnShardLocations(ShardLocations locations)
    {
        foreach (var (entityId, placement) in _placements)
        {
            if (!placement.Unverified) continue;
            placement.Unverified = false;
            placement.LocationStored = locations.Locations.TryGetValue(entityId, out var stored) && placement.Wanted.Equals(stored.Address);
            if (!placement.LocationStored) StoreLocation(entityId, placement.Wanted);
        }
    }

    // Where the shard is gets checked at the next retry tick: one query for all partitions placed meanwhile.
    private void OnShardLocationStored(ShardLocationStored stored)
    {
        if (_placements.TryGetValue(stored.ShardId, out var placement) && placement.Wanted.Equals(stored.Location)) placement.LocationStored = true;
    }

    private void ForgetPlacements(TopicState topic)
    {
        for (var i = 0; i < topic.Partitions.Count; i++) _placements.Remove(topic.PartitionId(i).ToString());
    }

    private void OnShardingStats(ClusterShardingStats stats)
    {
        var homes = new Dictionary<string, Address>(StringComparer.Ordinal);
        var regions = new HashSet<Address>();
        foreach (var (address, region) in stats.Regions)
        {
            regions.Add(address);
            foreach (var shard in region.Stats.Keys) homes[shard] = address;
        }

        foreach (var (entityId, placement) in _placements.ToList())
        {
            if (!placement.LocationStored) continue;
            var home = homes.GetValueOrDefault(entityId);
            if (home is null ? regions.Contains(placement.Wanted) : home.Equals(placement.Wanted))
            {
                _placements.Remove(entityId);
                _log.Debug("Partition {Partition} is placed on {Node}", entityId, placement.Wanted);
            }
            else if (home is not null && regions.Contains(placement.Wanted))
            {
                // Left elsewhere while its leader was away: the coordinator's next rebalance moves it. Storing the location
                // again is harmless and repairs it if a stale controller's write won meanwhile.
                placement.LocationStored = false;
            }
        }

        if (_placements.Count == 0) _placementRounds = 0;
    }

    private string? LeaderOf(TopicPartition partition)
    {
        var topic = _state.Topics.GetValueOrDefault(partition.Topic) ?? _state.Deleting.GetValueOrDefault(partition.Topic);
        return topic is not null && partition.Partition < topic.Partitions.Count ? topic.Partitions[partition.Partition].Leader : null;
    }

    /// <summary>The allocation client stored <paramref name="Location"/> as the wanted location of the shard.</summary>
    private sealed record ShardLocationStored(string ShardId, Address Location);

    private sealed class Placement(Address wanted)
    {
        public Address Wanted { get; } = wanted;

        /// <summary><see cref="Wanted"/> is stored as the shard's location.</summary>
        public bool LocationStored { get; set; }

        /// <summary>Recovered at start: whether the location is stored is not known yet.</summary>
        public bool Unverified { get; set; }
    }
}
