using ActorBroker.Actors;
using ActorBroker.Remote.FailureDetection;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote;

/// <summary>
/// Failure detection for watched nodes outside a cluster: heartbeat every node that hosts a watched actor and
/// treat it as gone when its phi-accrual detector gives up. Cluster members are left to the cluster's detector.
/// </summary>
internal sealed partial class RemoteWatcher
{
    private FailureDetectorRegistry<Address> _detectors = null!;
    private FailureDetectorSettings _detectorSettings = null!;
    private readonly HashSet<Address> _unreachable = [];

    /// <summary>Asks the remote watcher of another node for a <see cref="HeartbeatResponse"/>.</summary>
    public sealed class Heartbeat
    {
        public static readonly Heartbeat Instance = new();

        private Heartbeat()
        {
        }
    }

    /// <summary>The answer to a heartbeat, with the uid of the answering incarnation.</summary>
    public sealed record HeartbeatResponse(long Uid);

    private sealed record HeartbeatTick
    {
        public static readonly HeartbeatTick Instance = new();
    }

    private sealed record ReapTick
    {
        public static readonly ReapTick Instance = new();
    }

    /// <summary>No answer came yet from <paramref name="Address"/>: start its detector so silence counts as failure.</summary>
    private sealed record ExpectedFirstHeartbeat(Address Address);

    private void ReceiveHeartbeats()
    {
        Receive<Heartbeat>(_ => Sender.Tell(new HeartbeatResponse(_provider.LocalAddress.Uid), Self));
        Receive<HeartbeatResponse>(_ =>
        {
            var address = Sender.Path.Address;
            if (_watching.ContainsKey(address)) _detectors.HeartBeat(address);
        });
        Receive<ExpectedFirstHeartbeat>(e =>
        {
            if (_watching.ContainsKey(e.Address) && !_detectors.IsMonitoring(e.Address)) _detectors.HeartBeat(e.Address);
        });
        Receive<HeartbeatTick>(_ => SendHeartbeats());
        Receive<ReapTick>(_ => Reap());
    }

    private void StartHeartbeats()
    {
        _detectorSettings = FailureDetectorSettings.FromConfig(_provider.RemoteSettings.WatchFailureDetector, "actorbroker.remote.watch-failure-detector");
        _detectors = new FailureDetectorRegistry<Address>(_detectorSettings.CreateDetector);
        Timers.StartPeriodicTimer(HeartbeatTick.Instance, HeartbeatTick.Instance, _detectorSettings.HeartbeatInterval);
        var reapInterval = _provider.RemoteSettings.WatchFailureDetector.GetTimeSpan("unreachable-nodes-reaper-interval");
        Timers.StartPeriodicTimer(ReapTick.Instance, ReapTick.Instance, reapInterval);
    }

    private void OnFirstWatchOf(Address address)
    {
        if (!_provider.HandlesFailureDetectionFor(address)) return;
        SendHeartbeat(address);
        Timers.StartSingleTimer(("expected", address), new ExpectedFirstHeartbeat(address), _detectorSettings.ExpectedResponseAfter);
    }

    private void OnLastWatchOf(Address address)
    {
        _detectors.Remove(address);
        _unreachable.Remove(address);
        Timers.Cancel(("expected", address));
    }

    private void SendHeartbeats()
    {
        foreach (var address in _watching.Keys)
        {
            if (_provider.HandlesFailureDetectionFor(address)) SendHeartbeat(address);
        }
    }

    private void SendHeartbeat(Address address) =>
        _provider.ResolveActorRef(ActorPath.Root(address).Child("system").Child("remote-watcher")).Tell(Heartbeat.Instance, Self);

    private void Reap()
    {
        foreach (var address in _watching.Keys.ToList())
        {
            if (!_provider.HandlesFailureDetectionFor(address) || _detectors.IsAvailable(address) || !_unreachable.Add(address)) continue;
            _log.LogWarning("Watched node {Address} stopped answering heartbeats (phi {Phi:0.0} above {Threshold}): treating its actors as terminated",
                address, _detectors.Phi(address), _detectorSettings.Threshold);
            _provider.PublishAddressTerminated(address);
        }
    }
}
