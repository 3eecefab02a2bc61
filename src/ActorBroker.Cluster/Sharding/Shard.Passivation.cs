using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>Idle passivation: entities that received nothing for passivate-idle-entity-after get the hand-off stop message.</summary>
internal sealed partial class Shard
{
    // Only kept when idle passivation is on, so the default hot path does not pay for the clock.
    private Dictionary<string, long>? _lastMessage;

    private void Touch(string entityId)
    {
        if (_settings.PassivateIdleEntityAfter is null) return;
        (_lastMessage ??= [])[entityId] = Environment.TickCount64;
    }

    private void PassivateIdleEntities()
    {
        if (_handingOff || _lastMessage is null || _settings.PassivateIdleEntityAfter is not { } idle) return;
        var cutoff = Environment.TickCount64 - (long)idle.TotalMilliseconds;
        var passivated = 0;
        foreach (var (entityId, last) in _lastMessage)
        {
            if (last > cutoff || !_entities.TryGetValue(entityId, out var entity) || !_passivating.Add(entity)) continue;
            entity.Tell(_handOffStopMessage, Self);
            passivated++;
        }

        if (passivated > 0)
            _log.LogDebug("Shard {TypeName}/{Shard} passivates {Count} entities idle for more than {Idle}", _typeName, _shardId, passivated, idle);
    }

    private sealed class IdleCheck
    {
        public static readonly IdleCheck Instance = new();
    }
}
