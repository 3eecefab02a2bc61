using ActorBroker.Actors;
using ActorBroker.Persistence;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Decides where the shards of one entity type live (persistence id <c>/sharding/{typeName}Coordinator</c>), as
/// in Akka: registers regions and proxies and watches them, allocates shards through the allocation strategy,
/// rebalances them with hand-offs, and deallocates the shards of regions that terminate (their node was removed),
/// so the entities come back on survivors. Runs as a cluster singleton; its state is event-sourced, and regions
/// report the shards they host when they register, so a successor with an empty or stale journal adopts the
/// live placement.
/// </summary>
internal sealed partial class ShardCoordinator : ReceivePersistentActor, IWithTimers
{
    private readonly string _typeName;
    private readonly ClusterShardingSettings _settings;
    private readonly IShardAllocationStrategy _strategy;
    private readonly ILogger _log;
    private readonly ShardCoordinatorState _state = new();
    // Regions (and the coordinator itself) waiting for a shard's home while it is being allocated or moved.
    private readonly Dictionary<string, List<IActorRef>> _waiting = [];
    private readonly HashSet<string> _allocating = [];
    private readonly HashSet<string> _rebalancing = [];

    public ShardCoordinator(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy strategy)
    {
        _typeName = typeName;
        _settings = settings;
        _strategy = strategy;
        _log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Sharding");
        PersistenceId = $"/sharding/{typeName}Coordinator";

        Recover<IShardCoordinatorEvent>(_state.Apply);
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<Register>(r => OnRegister(r.ShardRegion, r.HostedShards));
        Command<RegisterProxy>(r => OnRegisterProxy(r.ShardRegionProxy));
        Command<GetShardHome>(g => OnGetShardHome(g.Shard, Sender));
        Command<AllocationResult>(OnAllocationResult);
        Command<ShardStarted>(s => Timers.Cancel(("host", s.Shard)));
        Command<ResendHostShard>(OnResendHostShard);
        Command<Terminated>(t => OnTerminated(t.ActorRef));
        Command<RebalanceTick>(_ => StartRebalanceRound());
        Command<RebalanceResult>(r =>
        {
            foreach (var shard in r.Shards) StartHandOff(shard, "the allocation strategy rebalances it");
        });
        Command<RebalanceWorker.Done>(OnRebalanceDone);
        Command<UpdateShardLocation>(OnUpdateShardLocation);
        Command<GetShardLocations>(_ => Sender.Tell(new ShardLocations(new Dictionary<string, Address>(_state.Locations)), Self));
        Command<GetCurrentRegions>(_ => Sender.Tell(new CurrentRegions([.. _state.Regions.Keys.Select(r => r.Path.Address)]), Self));
        Command<GetClusterShardingStats>(_ => Sender.Tell(
            new ClusterShardingStats([.. _state.Regions.Select(kv => new RegionShards(kv.Key.Path.Address, [.. kv.Value]))]), Self));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string typeName, ClusterShardingSettings settings, IShardAllocationStrategy strategy) =>
        Actors.Props.Create(() => new ShardCoordinator(typeName, settings, strategy));

    private void OnRecovered()
    {
        // Regions from the journal may be gone: watching them turns the dead ones into Terminated (and deallocation).
        foreach (var region in _state.Regions.Keys) Context.Watch(region);
        foreach (var proxy in _state.Proxies) Context.Watch(proxy);
        SyncExternalLocations();
        Timers.StartPeriodicTimer(RebalanceTick.Instance, RebalanceTick.Instance, _settings.RebalanceInterval);
        _log.LogInformation("Shard coordinator {TypeName} started with {Regions} regions, {Proxies} proxies and {Shards} allocated shards from its journal",
            _typeName, _state.Regions.Count, _state.Proxies.Count, _state.Shards.Count);
    }

    private void OnRegister(IActorRef region, IReadOnlyList<string> hostedShards)
    {
        var events = new List<IShardCoordinatorEvent>();
        if (!_state.Regions.ContainsKey(region)) events.Add(new ShardRegionRegistered(region));
        foreach (var shard in hostedShards)
        {
            if (!_state.Shards.TryGetValue(shard, out var home))
            {
                if (!_allocating.Contains(shard) && !_rebalancing.Contains(shard)) events.Add(new ShardHomeAllocated(shard, region));
            }
            else if (!home.Equals(region))
            {
                _log.LogWarning("Shard coordinator {TypeName}: region {Region} reports hosting shard {Shard}, allocated to {Home}; keeping the allocation",
                    _typeName, region.Path, shard, home.Path);
            }
        }

        if (events.Count == 0)
        {
            Context.Watch(region);
            region.Tell(new RegisterAck(Self), Self);
            return;
        }

        PersistAll(events, _state.Apply);
        DeferAsync(region, r =>
        {
            Context.Watch(r);
            _log.LogInformation("Shard coordinator {TypeName} registered region {Region} (hosting {Shards} shards); {Count} regions now",
                _typeName, r.Path, hostedShards.Count, _state.Regions.Count);
            r.Tell(new RegisterAck(Self), Self);
            RetryWaitingAllocations();
        });
    }

    private void OnRegisterProxy(IActorRef proxy)
    {
        if (_state.Proxies.Contains(proxy))
        {
            proxy.Tell(new RegisterAck(Self), Self);
            return;
        }

        Persist(new ShardRegionProxyRegistered(proxy), e =>
        {
            _state.Apply(e);
            Context.Watch(proxy);
            proxy.Tell(new RegisterAck(Self), Self);
        });
    }

    private void OnTerminated(IActorRef actor)
    {
        if (_state.Regions.TryGetValue(actor, out var shards))
        {
            var lost = shards.ToList();
            _log.LogWarning("Shard coordinator {TypeName}: region {Region} terminated; deallocating its {Count} shards [{Shards}] so they start on the remaining regions",
                _typeName, actor.Path, lost.Count, string.Join(", ", lost));
            Persist(new ShardRegionTerminated(actor), e =>
            {
                _state.Apply(e);
                foreach (var shard in lost) ReallocateIfWanted(shard);
            });
        }
        else if (_state.Proxies.Contains(actor))
        {
            Persist(new ShardRegionProxyTerminated(actor), _state.Apply);
        }
    }

    private void OnGetShardHome(string shard, IActorRef requester)
    {
        if (_rebalancing.Contains(shard) || _allocating.Contains(shard))
        {
            Wait(shard, requester);
            return;
        }

        if (_state.Shards.TryGetValue(shard, out var home))
        {
            requester.Tell(new ShardHome(shard, home), Self);
            return;
        }

        Allocate(shard, requester);
    }

    private void Wait(string shard, IActorRef requester)
    {
        if (!_waiting.TryGetValue(shard, out var list))
        {
            list = [];
            _waiting[shard] = list;
        }

        if (!list.Contains(requester)) list.Add(requester);
    }

    private void Allocate(string shard, IActorRef requester)
    {
        if (_state.Regions.Count == 0)
        {
            _log.LogDebug("Shard coordinator {TypeName}: no region is registered yet to host shard {Shard}", _typeName, shard);
            Wait(shard, requester);
            return;
        }

        _allocating.Add(shard);
        Wait(shard, requester);
        Task<IActorRef> allocation;
        try
        {
            allocation = _strategy.AllocateShard(requester, shard, _state.AllocationsSnapshot());
        }
        catch (Exception e)
        {
            allocation = Task.FromException<IActorRef>(e);
        }

        allocation.PipeTo(Self, Self, success: region => new AllocationResult(shard, region, null), failure: e => new AllocationResult(shard, null, e));
    }

    private void OnAllocationResult(AllocationResult result)
    {
        var shard = result.Shard;
        _allocating.Remove(shard);
        if (_state.Shards.TryGetValue(shard, out var current))
        {
            ReplyWaiting(shard, current); // adopted from a region's report meanwhile
            return;
        }

        if (result.Region is not { } region || !_state.Regions.ContainsKey(region))
        {
            _log.LogWarning(result.Error, "Shard coordinator {TypeName}: the allocation strategy gave no registered region for shard {Shard} ({Region}); will retry when asked again",
                _typeName, shard, result.Region?.Path.ToString() ?? result.Error?.Message);
            return;
        }

        Persist(new ShardHomeAllocated(shard, region), e =>
        {
            _state.Apply(e);
            _log.LogDebug("Shard coordinator {TypeName} allocated shard {Shard} to {Region}", _typeName, shard, region.Path);
            SendHostShard(shard, region);
            ReplyWaiting(shard, region);
        });
    }

    private void SendHostShard(string shard, IActorRef region)
    {
        region.Tell(new HostShard(shard), Self);
        Timers.StartSingleTimer(("host", shard), new ResendHostShard(shard, region), _settings.ShardStartTimeout);
    }

    private void OnResendHostShard(ResendHostShard resend)
    {
        if (!_state.Shards.TryGetValue(resend.Shard, out var home) || !home.Equals(resend.Region)) return;
        _log.LogWarning("Shard coordinator {TypeName}: region {Region} did not confirm starting shard {Shard} within shard-start-timeout ({Timeout}); asking again",
            _typeName, resend.Region.Path, resend.Shard, _settings.ShardStartTimeout);
        SendHostShard(resend.Shard, resend.Region);
    }

    private void ReplyWaiting(string shard, IActorRef home)
    {
        if (!_waiting.Remove(shard, out var requesters)) return;
        foreach (var requester in requesters)
        {
            if (!requester.Equals(Self)) requester.Tell(new ShardHome(shard, home), Self);
        }
    }

    /// <summary>After a region registered: shards that waited for any region at all get allocated now.</summary>
    private void RetryWaitingAllocations()
    {
        foreach (var shard in _waiting.Keys.ToList())
        {
            if (_allocating.Contains(shard) || _rebalancing.Contains(shard)) continue;
            var requesters = _waiting[shard];
            if (_state.Shards.TryGetValue(shard, out var home)) ReplyWaiting(shard, home);
            else if (requesters.Count > 0) Allocate(shard, requesters[0]);
        }
    }

    private sealed record AllocationResult(string Shard, IActorRef? Region, Exception? Error);

    private sealed record ResendHostShard(string Shard, IActorRef Region);
}
