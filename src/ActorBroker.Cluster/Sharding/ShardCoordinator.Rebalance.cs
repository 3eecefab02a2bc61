using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>Rebalancing, hand-offs and external placement.</summary>
internal sealed partial class ShardCoordinator
{
    private void StartRebalanceRound()
    {
        if (_state.Regions.Count == 0) return;
        Task<IReadOnlySet<string>> round;
        try
        {
            round = _strategy.Rebalance(_state.AllocationsSnapshot(), new HashSet<string>(_rebalancing));
        }
        catch (Exception e)
        {
            round = Task.FromException<IReadOnlySet<string>>(e);
        }

        round.PipeTo(Self, Self, success: shards => new RebalanceResult(shards), failure: e =>
        {
            _log.LogWarning(e, "Shard coordinator {TypeName}: the allocation strategy failed to rebalance: {Reason}", _typeName, e.Message);
            return new RebalanceResult(new HashSet<string>());
        });
    }

    /// <summary>Moves <paramref name="shard"/> off its region; it is allocated anew once its entities stopped.</summary>
    private void StartHandOff(string shard, string why)
    {
        if (_rebalancing.Contains(shard) || !_state.Shards.TryGetValue(shard, out var from)) return;
        _rebalancing.Add(shard);
        var regions = new List<IActorRef>(_state.Regions.Keys);
        regions.AddRange(_state.Proxies);
        _log.LogInformation("Shard coordinator {TypeName} hands off shard {Shard} from {Region}: {Why}", _typeName, shard, from.Path, why);
        Context.ActorOf(RebalanceWorker.Props(shard, from, _settings.HandOffTimeout, regions));
    }

    private void OnRebalanceDone(RebalanceWorker.Done done)
    {
        var shard = done.Shard;
        _rebalancing.Remove(shard);
        if (!done.Ok)
        {
            // The shard stays; regions that forgot its home learn it again.
            if (_state.Shards.TryGetValue(shard, out var home)) ReplyWaiting(shard, home);
            return;
        }

        if (!_state.Shards.ContainsKey(shard))
        {
            ReallocateIfWanted(shard); // its region terminated meanwhile and deallocated it
            return;
        }

        Persist(new ShardHomeDeallocated(shard), e =>
        {
            _state.Apply(e);
            _log.LogInformation("Shard coordinator {TypeName}: shard {Shard} stopped on its old region; allocating it anew", _typeName, shard);
            ReallocateIfWanted(shard);
        });
    }

    /// <summary>
    /// After a deallocation: a shard is allocated at once when someone waits for it, when it has a wanted location,
    /// or with remember-entities (its entities come back without a message); otherwise on its next message.
    /// </summary>
    private void ReallocateIfWanted(string shard)
    {
        if (_state.Shards.ContainsKey(shard) || _allocating.Contains(shard) || _rebalancing.Contains(shard)) return;
        if (_waiting.TryGetValue(shard, out var requesters) && requesters.Count > 0) Allocate(shard, requesters[0]);
        else if (_settings.RememberEntities || _state.Locations.ContainsKey(shard)) Allocate(shard, Self);
    }

    private void OnUpdateShardLocation(UpdateShardLocation update)
    {
        var requester = Sender;
        Persist(new ShardLocationUpdated(update.ShardId, update.Location), e =>
        {
            _state.Apply(e);
            SyncExternalLocations();
            requester.Tell(new UpdateShardLocationDone(update.ShardId), Self);
            if (_strategy is not ExternalShardAllocationStrategy)
                _log.LogWarning("Shard coordinator {TypeName}: shard location of {Shard} set to {Location}, but the allocation strategy is {Strategy}, not ExternalShardAllocationStrategy; it has no effect",
                    _typeName, update.ShardId, update.Location, _strategy.GetType().Name);
            else MoveToWantedLocation(update.ShardId, update.Location);
        });
    }

    private void MoveToWantedLocation(string shard, Address location)
    {
        if (!_state.Shards.TryGetValue(shard, out var home))
        {
            ReallocateIfWanted(shard);
            return;
        }

        if (home.Path.Address.Equals(location)) return;
        var hasTarget = false;
        foreach (var region in _state.Regions.Keys) hasTarget |= region.Path.Address.Equals(location);
        if (!hasTarget)
        {
            _log.LogWarning("Shard coordinator {TypeName}: shard {Shard} is wanted on {Location}, where no region is registered; it stays on {Home} until one registers",
                _typeName, shard, location, home.Path.Address);
            return;
        }

        StartHandOff(shard, $"its wanted location is {location}");
    }

    private void SyncExternalLocations()
    {
        if (_strategy is ExternalShardAllocationStrategy external) external.SetLocations(_state.Locations);
    }

    private sealed class RebalanceTick
    {
        public static readonly RebalanceTick Instance = new();
    }

    private sealed record RebalanceResult(IReadOnlySet<string> Shards);
}
