using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote;

/// <summary>
/// Remote death watch, at <c>/system/remote-watcher</c>. Remembers which local actors watch which remote actors;
/// when a node is known to be gone (<see cref="AddressTerminated"/>: quarantine, failure detector, cluster removal)
/// it delivers their <see cref="Terminated"/> itself, since no notification will ever come from that node.
/// </summary>
internal sealed partial class RemoteWatcher : ReceiveActor, IWithTimers
{
    private readonly RemoteActorRefProvider _provider;
    private readonly ILogger _log;
    private readonly Dictionary<Address, HashSet<(RemoteActorRef Watchee, IInternalActorRef Watcher)>> _watching = [];

    public RemoteWatcher(RemoteActorRefProvider provider)
    {
        _provider = provider;
        _log = provider.System.LoggerFactory.CreateLogger("ActorBroker.Remote.RemoteWatcher");
        Receive<WatchRemote>(w => AddWatch(w.Watchee, w.Watcher));
        Receive<UnwatchRemote>(u => RemoveWatch(u.Watchee, u.Watcher));
        Receive<RemoteWatcheeTerminated>(t => RemoveWatchesOf(t.Watchee, t.Watcher));
        Receive<AddressTerminated>(t => OnAddressTerminated(t.Address));
        ReceiveHeartbeats();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>A local actor started watching a remote one.</summary>
    public sealed record WatchRemote(RemoteActorRef Watchee, IInternalActorRef Watcher);

    public sealed record UnwatchRemote(RemoteActorRef Watchee, IInternalActorRef Watcher);

    /// <summary>The remote node reported the watchee's death itself: forget the watch.</summary>
    public sealed record RemoteWatcheeTerminated(IActorRef Watchee, IInternalActorRef Watcher);

    protected override void PreStart()
    {
        _provider.System.EventStream.Subscribe<AddressTerminated>(Self);
        StartHeartbeats();
    }

    protected override void PostStop() => _provider.System.EventStream.Unsubscribe(Self);

    private void AddWatch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        var address = watchee.Path.Address;
        if (!_watching.TryGetValue(address, out var pairs))
        {
            _watching[address] = pairs = [];
            OnFirstWatchOf(address);
        }

        pairs.Add((watchee, watcher));
    }

    private void RemoveWatch(RemoteActorRef watchee, IInternalActorRef watcher)
    {
        var address = watchee.Path.Address;
        if (_watching.TryGetValue(address, out var pairs) && pairs.Remove((watchee, watcher)) && pairs.Count == 0) Forget(address);
    }

    private void RemoveWatchesOf(IActorRef watchee, IInternalActorRef watcher)
    {
        var address = watchee.Path.Address;
        if (!_watching.TryGetValue(address, out var pairs)) return;
        // The notification carries the watchee's uid; the watch may have been made through a path without one.
        pairs.RemoveWhere(p => p.Watcher.Equals(watcher) && p.Watchee.Path.Equals(watchee.Path)
            && (p.Watchee.Path.Uid == 0 || watchee.Path.Uid == 0 || p.Watchee.Path.Uid == watchee.Path.Uid));
        if (pairs.Count == 0) Forget(address);
    }

    private void OnAddressTerminated(Address address)
    {
        if (!_watching.TryGetValue(address, out var pairs)) return;
        _log.LogInformation("{Address} is gone: {Count} watches of actors on it end with Terminated", address, pairs.Count);
        foreach (var (watchee, watcher) in pairs)
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, ExistenceConfirmed: false, AddressTerminated: true));
        Forget(address);
    }

    private void Forget(Address address)
    {
        _watching.Remove(address);
        OnLastWatchOf(address);
    }
}
