using ActorBroker.Actors;
using ActorBroker.Cluster.Singleton;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// The entry point of one entity type on one node (<c>/system/sharding/{typeName}</c>), as in Akka. Routes each
/// message by its shard: to the local <see cref="Shard"/> child when this region hosts the shard, to the hosting
/// region (the message itself, not re-wrapped) when another node does, and otherwise buffers it and asks the
/// coordinator where the shard lives. A proxy region hosts nothing and only routes.
/// Once a shard's home is known and steady, senders' threads route its messages themselves (<see cref="DirectRoutes"/>),
/// so in the steady state a message costs no hop through this actor.
/// </summary>
internal sealed partial class ShardRegion : ActorBase, IWithTimers
{
    private readonly string _typeName;
    private readonly Func<string, Props>? _entityProps;
    private readonly ClusterShardingSettings _settings;
    private readonly IMessageExtractor _extractor;
    private readonly object _handOffStopMessage;
    private readonly ILogger _log;
    private readonly DeadLetterActorRef _deadLetters;

    // Where each known shard lives; Self for shards hosted here. The hot path is one lookup in it.
    private readonly Dictionary<string, IActorRef> _regionByShard = [];
    private readonly Dictionary<IActorRef, HashSet<string>> _shardsByRegion = [];
    private readonly Dictionary<string, IActorRef> _shards = [];
    private readonly Dictionary<IActorRef, string> _shardIdByRef = [];
    // Local shards being stopped for a hand-off, and who to tell ShardStopped once they are.
    private readonly Dictionary<IActorRef, IActorRef> _handingOff = [];
    private readonly ShardBuffers _buffers;
    private readonly DirectRoutes _routes;
    private long _dropped;

    public ShardRegion(string typeName, Func<string, Props>? entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, object handOffStopMessage)
    {
        _typeName = typeName;
        _entityProps = entityProps;
        _settings = settings;
        _extractor = extractor;
        _handOffStopMessage = handOffStopMessage;
        _buffers = new ShardBuffers(settings.BufferSize);
        _log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Sharding");
        _deadLetters = ((ActorSystemImpl)Context.System).DeadLetterRef;
        _cluster = Cluster.Get(Context.System);
        _membersByAge = new MembersByAge(settings.Role);
        _routes = new DirectRoutes(IsOwnMessage, ShardIdOf, static message => message);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private bool IsProxy => _entityProps is null;

    public static Props Props(string typeName, Func<string, Props>? entityProps, ClusterShardingSettings settings, IMessageExtractor extractor, object handOffStopMessage) =>
        Actors.Props.Create(() => new ShardRegion(typeName, entityProps, settings, extractor, handOffStopMessage));

    protected override void PreStart()
    {
        _routes.InstallOn(Self);
        _cluster.Subscribe(Self, InitialStateMode.AsEvents, typeof(MemberEvent));
        Timers.StartPeriodicTimer(RetryTick.Instance, RetryTick.Instance, _settings.RetryInterval);
    }

    protected override void PostStop()
    {
        _routes.UninstallFrom(Self);
        _cluster.Unsubscribe(Self);
    }

    /// <summary>Every message type that <see cref="Receive"/> handles itself rather than routing to an entity.</summary>
    private static bool IsOwnMessage(object message) => message is ShardHome or HostShard or BeginHandOff or HandOff or Terminated or RetryTick
        or MemberEvent or RegisterAck or GetShardRegionState or GetCurrentRegions or GetClusterShardingStats or UpdateShardLocation or GetShardLocations
        or DirectRoutes.Queued;

    /// <summary>The shard of a message, on a sender's thread (so the extractor must be thread-safe, as a pure function is).</summary>
    private string? ShardIdOf(object message) =>
        _extractor.EntityId(message) is { Length: > 0 } entityId ? _extractor.ShardId(entityId, message) : null;

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case DirectRoutes.Queued queued:
                queued.RouteWith(Deliver, Sender);
                return true;
            case ShardHome home:
                OnShardHome(home.Shard, home.Region);
                RefreshRoute(home.Shard);
                return true;
            case HostShard host:
                OnHostShard(host.Shard);
                RefreshRoute(host.Shard);
                return true;
            case BeginHandOff begin:
                // Forgetting the home also ends direct sends to it: all of them are on their way before the ack.
                ForgetShardHome(begin.Shard);
                Sender.Tell(new BeginHandOffAck(begin.Shard), Self);
                return true;
            case HandOff handOff:
                OnHandOff(handOff.Shard);
                return true;
            case Terminated terminated:
                OnTerminated(terminated.ActorRef);
                // A lost region takes its shards' routes along; a local shard that stopped may have started again.
                foreach (var shardId in _routes.Keys.Concat(_shards.Keys).Distinct().ToList()) RefreshRoute(shardId);
                return true;
            case RetryTick:
                OnRetryTick();
                return true;
            default:
                if (ReceiveCoordinatorMessage(message)) return true;
                Deliver(message, Sender);
                return true;
        }
    }

    /// <summary>The hot path: a dictionary lookup and a tell, no allocation of its own.</summary>
    private void Deliver(object message, IActorRef sender)
    {
        var entityId = _extractor.EntityId(message);
        if (string.IsNullOrEmpty(entityId))
        {
            _log.LogWarning("Shard region {TypeName} dead-lettered a {MessageType} from {Sender}: the message extractor gave it no entity id",
                _typeName, message.GetType().Name, sender.Path);
            _deadLetters.Tell(message, sender, Self, $"the message extractor of shard region '{_typeName}' gave no entity id");
            return;
        }

        var shardId = _extractor.ShardId(entityId, message);
        if (_regionByShard.TryGetValue(shardId, out var region))
        {
            if (ReferenceEquals(region, Self)) DeliverLocally(shardId, message, sender);
            else region.Tell(message, sender);
        }
        else
        {
            Buffer(shardId, message, sender);
        }

        RefreshRoute(shardId);
    }

    /// <summary>Publishes where senders may send <paramref name="shardId"/>'s messages themselves: where <see cref="Deliver"/> would, when it would not buffer.</summary>
    private void RefreshRoute(string shardId)
    {
        if (DirectTarget(shardId) is { } target) _routes.Set(shardId, target);
        else _routes.Remove(shardId);
    }

    private IActorRef? DirectTarget(string shardId)
    {
        if (!_regionByShard.TryGetValue(shardId, out var region)) return null;
        if (!ReferenceEquals(region, Self)) return region;
        return _shards.TryGetValue(shardId, out var shard) && !_handingOff.ContainsKey(shard) && !_buffers.Contains(shardId) ? shard : null;
    }

    private void DeliverLocally(string shardId, object message, IActorRef sender)
    {
        if (_shards.TryGetValue(shardId, out var shard) && !_handingOff.ContainsKey(shard) && !_buffers.Contains(shardId))
        {
            shard.Tell(message, sender);
            return;
        }

        // The shard is starting again while its previous incarnation stops: keep the order, deliver on Terminated.
        if (!_buffers.Contains(shardId) && GetOrCreateShard(shardId) is { } started)
        {
            started.Tell(message, sender);
            return;
        }

        Buffer(shardId, message, sender);
    }

    private void Buffer(string shardId, object message, IActorRef sender)
    {
        var first = !_buffers.Contains(shardId);
        if (!_buffers.TryAdd(shardId, message, sender))
        {
            if (_dropped++ % 10_000 == 0)
                _log.LogWarning("Shard region {TypeName} buffers {Count} messages, its limit (actorbroker.cluster.sharding.buffer-size = {Capacity}); " +
                    "dead-lettering messages for shards whose home is unknown or moving ({Dropped} so far). Is the coordinator reachable?",
                    _typeName, _buffers.TotalCount, _buffers.Capacity, _dropped);
            _deadLetters.Tell(message, sender, Self, $"shard region '{_typeName}' buffer is full (actorbroker.cluster.sharding.buffer-size = {_buffers.Capacity})");
            return;
        }

        if (first) RequestShardHome(shardId);
    }

    /// <summary>The coordinator told where a shard lives: remember it and send what waited for it.</summary>
    private void OnShardHome(string shardId, IActorRef region)
    {
        if (region.Equals(Self)) region = Self; // a ref to this region that came over the network
        if (_regionByShard.TryGetValue(shardId, out var previous) && !previous.Equals(region) && _shardsByRegion.TryGetValue(previous, out var old))
            old.Remove(shardId);
        _regionByShard[shardId] = region;
        if (!_shardsByRegion.TryGetValue(region, out var set))
        {
            set = [];
            _shardsByRegion[region] = set;
            if (!ReferenceEquals(region, Self)) Context.Watch(region);
        }

        set.Add(shardId);
        if (ReferenceEquals(region, Self))
        {
            if (IsProxy)
            {
                _log.LogError("Proxy shard region {TypeName} was told to host shard {Shard}; it hosts none (was the coordinator started with a different role?)", _typeName, shardId);
                ForgetShardHome(shardId);
                return;
            }

            var shard = GetOrCreateShard(shardId);
            if (shard is not null) Flush(shardId, shard);
            return;
        }

        Flush(shardId, region);
    }

    private void OnHostShard(string shardId)
    {
        if (IsProxy)
        {
            _log.LogError("Proxy shard region {TypeName} was asked to host shard {Shard} by {Coordinator}; ignoring", _typeName, shardId, Sender.Path);
            return;
        }

        OnShardHome(shardId, Self);
        Sender.Tell(new ShardStarted(shardId), Self);
    }

    private void Flush(string shardId, IActorRef target)
    {
        var queue = _buffers.Take(shardId);
        if (queue is null) return;
        _log.LogDebug("Shard region {TypeName} delivers {Count} buffered messages of shard {Shard} to {Target}", _typeName, queue.Count, shardId, target.Path);
        while (queue.TryDequeue(out var item)) target.Tell(item.Message, item.Sender);
    }

    private void ForgetShardHome(string shardId)
    {
        if (_regionByShard.Remove(shardId, out var region) && _shardsByRegion.TryGetValue(region, out var set)) set.Remove(shardId);
        _routes.Remove(shardId);
    }

    /// <summary>The local shard, started if needed; null while its previous incarnation is still stopping.</summary>
    private IActorRef? GetOrCreateShard(string shardId)
    {
        if (_shards.TryGetValue(shardId, out var existing)) return _handingOff.ContainsKey(existing) ? null : existing;
        var shard = Context.ActorOf(
            Shard.Props(_typeName, shardId, _entityProps!, _settings, _extractor, _handOffStopMessage),
            EntityNames.Encode(shardId));
        Context.Watch(shard);
        _shards[shardId] = shard;
        _shardIdByRef[shard] = shardId;
        _log.LogDebug("Shard region {TypeName} started shard {Shard}", _typeName, shardId);
        return shard;
    }

    private void OnHandOff(string shardId)
    {
        ForgetShardHome(shardId);
        if (_shards.TryGetValue(shardId, out var shard) && !_handingOff.ContainsKey(shard))
        {
            _log.LogInformation("Shard region {TypeName} hands off shard {Shard}: stopping its entities", _typeName, shardId);
            _handingOff[shard] = Sender;
            shard.Tell(new HandOff(shardId), Self);
        }
        else if (shard is not null)
        {
            _handingOff[shard] = Sender; // a repeated HandOff: answer the latest asker
        }
        else
        {
            Sender.Tell(new ShardStopped(shardId), Self);
        }
    }

    private void OnTerminated(IActorRef actor)
    {
        if (_shardIdByRef.Remove(actor, out var shardId))
        {
            _shards.Remove(shardId);
            if (_handingOff.Remove(actor, out var requester))
            {
                _log.LogInformation("Shard region {TypeName} stopped shard {Shard} for its hand-off", _typeName, shardId);
                requester.Tell(new ShardStopped(shardId), Self);
            }

            // Allocated here again while the old incarnation stopped: start it and send what waited.
            if (_regionByShard.TryGetValue(shardId, out var home) && ReferenceEquals(home, Self) && _buffers.Contains(shardId) && GetOrCreateShard(shardId) is { } shard)
                Flush(shardId, shard);
            return;
        }

        if (OnCoordinatorTerminated(actor)) return;

        if (_shardsByRegion.Remove(actor, out var lost))
        {
            foreach (var shard in lost) _regionByShard.Remove(shard);
            _log.LogInformation("Shard region {TypeName}: region {Region} terminated; its {Count} shards will be looked up again", _typeName, actor.Path, lost.Count);
        }
    }

    private void OnRetryTick()
    {
        if (_coordinator is null)
        {
            RegisterWithCoordinator();
            return;
        }

        foreach (var shardId in _buffers.Keys) RequestShardHome(shardId);
    }

    private sealed class RetryTick
    {
        public static readonly RetryTick Instance = new();
    }
}
