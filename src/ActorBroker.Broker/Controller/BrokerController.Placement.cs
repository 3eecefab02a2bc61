using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Placing partition entities on their leaders' nodes. The sharding coordinator keeps the wanted location of each
/// shard (<see cref="UpdateShardLocation"/>); a placement is done once the location is stored and the shard is on
/// that node, or unallocated while that node's region is registered (its next message then starts it there). A shard
/// that a node's absence left on another node is moved back as soon as the node's region is registered. Everything
/// is retried every retry-interval until it holds, so a moving coordinator only delays it.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<string, Placement> _placements = new(StringComparer.Ordinal);
    private int _placementRounds;

    /// <summary>Places <paramref name="partition"/> on its leader's node, if that node is Up (else when it is Up again).</summary>
    private void Place(TopicPartition partition)
    {
        if (AddPlacement(partition, recovered: false) is { } placement)
            _partitionRegion.Tell(new UpdateShardLocation(partition.ToString(), placement.Wanted), Self);
    }

    /// <summary>
    /// After a start: checks every recovered partition's placement. The coordinator's wanted locations are read first,
    /// so only the ones it lacks are sent again (each send is an event in the coordinator's journal).
    /// </summary>
    private void PlaceAllRecovered()
    {
        foreach (var topic in _state.AllTopics)
        {
            for (var i = 0; i < topic.Partitions.Count; i++) AddPlacement(topic.PartitionId(i), recovered: true);
        }

        if (_placements.Count > 0) _partitionRegion.Tell(GetShardLocations.Instance, Self);
    }

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
            else _partitionRegion.Tell(new UpdateShardLocation(entityId, placement.Wanted), Self);
        }

        if (unverified > 0) _partitionRegion.Tell(GetShardLocations.Instance, Self);
        if (stored > 0) _partitionRegion.Tell(GetClusterShardingStats.Instance, Self);
        if (++_placementRounds % 10 == 0)
            _log.LogWarning("{Count} partitions are not yet placed on their leaders' nodes after {Rounds} attempts (is the partition shard coordinator running?): {Partitions}",
                _placements.Count, _placementRounds, string.Join(", ", _placements.Keys.Take(20)));
    }

    private void OnShardLocations(ShardLocations locations)
    {
        foreach (var (entityId, placement) in _placements)
        {
            if (!placement.Unverified) continue;
            placement.Unverified = false;
            placement.LocationStored = locations.Locations.TryGetValue(entityId, out var stored) && stored.Equals(placement.Wanted);
            if (!placement.LocationStored) _partitionRegion.Tell(new UpdateShardLocation(entityId, placement.Wanted), Self);
        }
    }

    // Where the shard is gets checked at the next retry tick: one query for all partitions placed meanwhile.
    private void OnShardLocationUpdated(UpdateShardLocationDone done)
    {
        if (_placements.TryGetValue(done.ShardId, out var placement)) placement.LocationStored = true;
    }

    private void ForgetPlacements(TopicState topic)
    {
        for (var i = 0; i < topic.Partitions.Count; i++) _placements.Remove(topic.PartitionId(i).ToString());
    }

    private void OnShardingStats(ClusterShardingStats stats)
    {
        var homes = new Dictionary<string, Address>(StringComparer.Ordinal);
        var regions = new HashSet<Address>();
        foreach (var region in stats.Regions)
        {
            regions.Add(region.Address);
            foreach (var shard in region.ShardIds) homes[shard] = region.Address;
        }

        foreach (var (entityId, placement) in _placements.ToList())
        {
            if (!placement.LocationStored) continue;
            var home = homes.GetValueOrDefault(entityId);
            if (home is null ? regions.Contains(placement.Wanted) : home.Equals(placement.Wanted))
            {
                _placements.Remove(entityId);
                _log.LogDebug("Partition {Partition} is placed on {Node}", entityId, placement.Wanted);
            }
            else if (home is not null && regions.Contains(placement.Wanted))
            {
                // Left elsewhere while its leader was away: storing the location again makes the coordinator hand it off now.
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

    private sealed class Placement(Address wanted)
    {
        public Address Wanted { get; } = wanted;

        /// <summary>The coordinator has stored <see cref="Wanted"/> as the shard's location.</summary>
        public bool LocationStored { get; set; }

        /// <summary>Recovered at start: whether the coordinator has the location is not known yet.</summary>
        public bool Unverified { get; set; }
    }
}
