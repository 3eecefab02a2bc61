using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// One shard on its hosting region: its entities are children named by their escaped ids, created on their
/// first message. Handles passivation (messages for a passivating entity wait until it stopped, then it is
/// re-created), idle passivation, hand-off (entities get the hand-off stop message; after handoff-timeout
/// they are stopped) and, with remember-entities, restarting the entities it ran before.
/// Messages for a running entity go to it from the sender's thread (<see cref="DirectRoutes"/>), without a hop through
/// this actor; the others (first message, passivation, hand-off) come here. Not with idle passivation, which needs
/// this actor to see every message.
/// </summary>
internal sealed partial class Shard : ActorBase, IWithTimers
{
    private const string StoreName = "remember+entities"; // '+' is always escaped in entity names

    private readonly string _typeName;
    private readonly string _shardId;
    private readonly Func<string, Props> _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly ILogger _log;
    private readonly Dictionary<string, IActorRef> _entities = [];
    private readonly Dictionary<IActorRef, string> _idByRef = [];
    private readonly HashSet<IActorRef> _passivating = [];
    private readonly ShardBuffers _entityBuffers;
    // Null with idle passivation, which needs this actor to see every message.
    private readonly DirectRoutes? _routes;
    private IActorRef? _store;
    private bool _handingOff;

    public Shard(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, object handOffStopMessage)
    {
        _typeName = typeName;
        _shardId = shardId;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _entityBuffers = new ShardBuffers(settings.BufferSize);
        _log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Sharding");
        if (settings.PassivateIdleEntityAfter is null)
            _routes = new DirectRoutes(IsOwnMessage, message => _extractor.EntityId(message) is { Length: > 0 } id ? id : null, _extractor.EntityMessage);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string typeName, string shardId, Func<string, Props> entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, object handOffStopMessage) =>
        Actors.Props.Create(() => new Shard(typeName, shardId, entityProps, settings, extractor, handOffStopMessage));

    protected override void PreStart()
    {
        if (_settings.RememberEntities)
            _store = Context.ActorOf(RememberEntitiesStore.Props(_typeName, _shardId), StoreName);
        if (_settings.PassivateIdleEntityAfter is { } idle)
            Timers.StartPeriodicTimer(IdleCheck.Instance, IdleCheck.Instance, idle / 2);
        _routes?.InstallOn(Self);
    }

    protected override void PostStop() => _routes?.UninstallFrom(Self);

    /// <summary>Every message type that <see cref="Receive"/> handles itself rather than delivering to an entity.</summary>
    private static bool IsOwnMessage(object message) => message is Terminated or Passivate or HandOff or HandOffTimeout or GetState
        or RememberEntitiesStore.RememberedEntities or RestartEntity or IdleCheck or DirectRoutes.Queued;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case DirectRoutes.Queued queued:
                queued.RouteWith(Deliver, Sender);
                return true;
            case Terminated terminated:
                OnTerminated(terminated.ActorRef);
                return true;
            case Passivate passivate:
                OnPassivate(Sender, passivate.StopMessage);
                return true;
            case HandOff:
                OnHandOff();
                return true;
            case HandOffTimeout:
                _log.LogWarning("Shard {TypeName}/{Shard}: {Count} entities did not stop within handoff-timeout ({Timeout}) after the hand-off stop message; stopping them",
                    _typeName, _shardId, _entities.Count, _settings.HandOffTimeout);
                Context.Stop(Self);
                return true;
            case GetState:
                Sender.Tell(new ShardState(_shardId, [.. _entities.Keys]), Self);
                return true;
            case RememberEntitiesStore.RememberedEntities remembered:
                OnRememberedEntities(remembered.EntityIds);
                return true;
            case RestartEntity restart:
                if (!_handingOff && !_entities.ContainsKey(restart.EntityId)) StartEntity(restart.EntityId);
                RefreshRoute(restart.EntityId);
                return true;
            case IdleCheck:
                PassivateIdleEntities();
                return true;
            default:
                Deliver(message, Sender);
                return true;
        }
    }

    private void Deliver(object message, IActorRef sender)
    {
        var entityId = _extractor.EntityId(message);
        if (string.IsNullOrEmpty(entityId))
        {
            Context.System.DeadLetters.Tell(message, sender);
            return;
        }

        if (_entities.TryGetValue(entityId, out var entity))
        {
            if (_passivating.Contains(entity))
            {
                BufferForEntity(entityId, message, sender);
                return;
            }
        }
        else
        {
            entity = StartEntity(entityId);
        }

        Touch(entityId);
        entity.Tell(_extractor.EntityMessage(message), sender);
        RefreshRoute(entityId);
    }

    /// <summary>Publishes whether senders may send <paramref name="entityId"/>'s messages straight to it: when it runs and nothing waits for it.</summary>
    private void RefreshRoute(string entityId)
    {
        if (_routes is null) return;
        if (!_handingOff && _entities.TryGetValue(entityId, out var entity) && !_passivating.Contains(entity) && !_entityBuffers.Contains(entityId))
            _routes.Set(entityId, entity);
        else
            _routes.Remove(entityId);
    }

    private IActorRef StartEntity(string entityId)
    {
        var entity = Context.ActorOf(_entityProps(entityId), EntityNames.Encode(entityId));
        Context.Watch(entity);
        _entities[entityId] = entity;
        _idByRef[entity] = entityId;
        _store?.Tell(new RememberEntitiesStore.AddEntity(entityId), Self);
        return entity;
    }

    private void BufferForEntity(string entityId, object message, IActorRef sender)
    {
        if (_entityBuffers.TryAdd(entityId, message, sender)) return;
        _log.LogWarning("Shard {TypeName}/{Shard} buffers {Count} messages for passivating entities, its limit (actorbroker.cluster.sharding.buffer-size); dead-lettering a message for {Entity}",
            _typeName, _shardId, _entityBuffers.TotalCount, entityId);
        ((ActorSystemImpl)Context.System).DeadLetterRef.Tell(message, sender, Self,
            $"shard {_typeName}/{_shardId} buffer is full (actorbroker.cluster.sharding.buffer-size = {_entityBuffers.Capacity})");
    }

    private void OnPassivate(IActorRef entity, object stopMessage)
    {
        if (!_idByRef.TryGetValue(entity, out var entityId) || _handingOff || !_passivating.Add(entity)) return;
        // No direct send may arrive after the stop message: they would be lost with the entity.
        _routes?.Remove(entityId);
        entity.Tell(stopMessage, Self);
    }

    private void OnTerminated(IActorRef entity)
    {
        if (!_idByRef.Remove(entity, out var entityId)) return;
        _entities.Remove(entityId);
        _routes?.Remove(entityId);
        _lastMessage?.Remove(entityId);
        var passivated = _passivating.Remove(entity);
        if (_handingOff)
        {
            if (_entities.Count == 0) Context.Stop(Self);
            return;
        }

        var waiting = _entityBuffers.Take(entityId);
        if (waiting is not null)
        {
            // Messages arrived while it passivated: bring it back and deliver them in order.
            var restarted = StartEntity(entityId);
            Touch(entityId);
            while (waiting.TryDequeue(out var item)) restarted.Tell(_extractor.EntityMessage(item.Message), item.Sender);
            RefreshRoute(entityId);
            return;
        }

        if (passivated)
        {
            _store?.Tell(new RememberEntitiesStore.RemoveEntity(entityId), Self);
        }
        else if (_store is not null)
        {
            _log.LogWarning("Entity {Entity} of shard {TypeName}/{Shard} stopped without passivating; remember-entities restarts it in {Backoff}",
                entityId, _typeName, _shardId, _settings.EntityRestartBackoff);
            Timers.StartSingleTimer(("restart", entityId), new RestartEntity(entityId), _settings.EntityRestartBackoff);
        }
    }

    private void OnHandOff()
    {
        if (_handingOff) return;
        _handingOff = true;
        _routes?.Clear();
        // Messages held for passivating entities go back to the region, which buffers them for the new home.
        foreach (var entityId in _entityBuffers.Keys.ToList())
        {
            var waiting = _entityBuffers.Take(entityId)!;
            while (waiting.TryDequeue(out var item)) Context.Parent.Tell(item.Message, item.Sender);
        }

        if (_entities.Count == 0)
        {
            Context.Stop(Self);
            return;
        }

        foreach (var entity in _entities.Values)
        {
            if (!_passivating.Contains(entity)) entity.Tell(_handOffStopMessage, Self);
        }

        Timers.StartSingleTimer(HandOffTimeout.Instance, HandOffTimeout.Instance, _settings.HandOffTimeout);
    }

    private void OnRememberedEntities(IReadOnlyCollection<string> entityIds)
    {
        if (_handingOff) return;
        var started = 0;
        foreach (var entityId in entityIds)
        {
            if (_entities.ContainsKey(entityId)) continue;
            var entity = Context.ActorOf(_entityProps(entityId), EntityNames.Encode(entityId));
            Context.Watch(entity);
            _entities[entityId] = entity;
            _idByRef[entity] = entityId;
            Touch(entityId);
            RefreshRoute(entityId);
            started++;
        }

        if (started > 0) _log.LogInformation("Shard {TypeName}/{Shard} restarted {Count} remembered entities", _typeName, _shardId, started);
    }

    /// <summary>Asks a shard for its entities; answered with <see cref="ShardState"/>.</summary>
    internal sealed class GetState
    {
        public static readonly GetState Instance = new();
    }

    private sealed record RestartEntity(string EntityId);

    private sealed class HandOffTimeout
    {
        public static readonly HandOffTimeout Instance = new();
    }
}
