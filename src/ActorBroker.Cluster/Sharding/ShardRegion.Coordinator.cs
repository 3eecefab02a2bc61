using ActorBroker.Actors;
using ActorBroker.Cluster.Singleton;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Finding the coordinator, the Akka way: it runs as a cluster singleton on the oldest Up member with the role,
/// so the region tracks that member from membership events and sends Register to the singleton's path there
/// every retry-interval until RegisterAck; it registers again when the oldest changes or the coordinator stops.
/// </summary>
internal sealed partial class ShardRegion
{
    private readonly Cluster _cluster;
    // The same tracker the singleton manager uses, so the region looks for the coordinator where the manager runs it.
    private readonly MembersByAge _membersByAge;
    private IActorRef? _coordinator;
    private Member? _oldest;
    private int _registrationAttempts;

    /// <summary>Where the coordinator of <paramref name="typeName"/> runs on the node at <paramref name="address"/>.</summary>
    internal static ActorPath CoordinatorPath(Address address, string typeName) =>
        ActorPath.Root(address).Child("system").Child(ClusterSharding.GuardianName).Child(typeName + "Coordinator")
            .Child(ClusterSharding.CoordinatorSingletonName).Child(ShardCoordinatorSupervisor.CoordinatorName);

    private bool ReceiveCoordinatorMessage(object message)
    {
        switch (message)
        {
            case MemberEvent memberEvent:
                _membersByAge.Apply(memberEvent);
                OnMembersChanged();
                return true;
            case RegisterAck ack:
                OnRegisterAck(ack.Coordinator);
                return true;
            case GetShardRegionState:
                ReplyRegionState(Sender);
                return true;
            case GetCurrentRegions or GetClusterShardingStats or UpdateShardLocation or GetShardLocations:
                if (_coordinator is null)
                    Sender.Tell(new Actors.Status.Failure(new InvalidOperationException(
                        $"Shard region '{_typeName}' has not found its coordinator yet (oldest member with the role: {_oldest?.Address.ToString() ?? "none"}); try again")), Self);
                else _coordinator.Tell(message, Sender);
                return true;
            default:
                return false;
        }
    }

    private void OnMembersChanged()
    {
        var oldest = _membersByAge.Oldest;
        if (Equals(oldest, _oldest)) return;
        _log.LogInformation("Shard region {TypeName}: the coordinator's node (oldest Up member{Role}) is now {Oldest}",
            _typeName, _settings.Role is null ? "" : $" with role {_settings.Role}", oldest?.Address.ToString() ?? "none");
        _oldest = oldest;
        if (_coordinator is not null) Context.Unwatch(_coordinator);
        _coordinator = null;
        RegisterWithCoordinator();
    }

    private void RegisterWithCoordinator()
    {
        if (_oldest is null) return;
        var path = CoordinatorPath(_oldest.Address, _typeName);
        object register = IsProxy ? new RegisterProxy(Self) : new Register(Self, HostedShards());
        Context.System.ActorSelection(path.ToString()).Tell(register, Self);
        if (++_registrationAttempts % 5 == 0)
            _log.LogWarning("Shard region {TypeName} has tried {Attempts} times to register with the coordinator at {Path} without an answer; {Buffered} messages are buffered",
                _typeName, _registrationAttempts, path, _buffers.TotalCount);
    }

    private List<string> HostedShards()
    {
        var hosted = new List<string>(_shards.Count);
        foreach (var (shardId, shard) in _shards)
        {
            if (!_handingOff.ContainsKey(shard)) hosted.Add(shardId);
        }

        return hosted;
    }

    private void OnRegisterAck(IActorRef coordinator)
    {
        if (coordinator.Equals(_coordinator)) return;
        if (_coordinator is not null) Context.Unwatch(_coordinator);
        _coordinator = coordinator;
        _registrationAttempts = 0;
        Context.Watch(coordinator);
        _log.LogInformation("Shard region {TypeName} registered with the coordinator {Coordinator}", _typeName, coordinator.Path);
        foreach (var shardId in _buffers.Keys) RequestShardHome(shardId);
    }

    private bool OnCoordinatorTerminated(IActorRef actor)
    {
        if (!actor.Equals(_coordinator)) return false;
        _log.LogWarning("Shard region {TypeName}: the coordinator {Coordinator} terminated; registering with the next one", _typeName, actor.Path);
        _coordinator = null;
        return true;
    }

    private void RequestShardHome(string shardId) => _coordinator?.Tell(new GetShardHome(shardId), Self);

    private void ReplyRegionState(IActorRef replyTo)
    {
        var timeout = _settings.RetryInterval;
        var asks = new List<Task<ShardState>>(_shards.Count);
        foreach (var shard in _shards.Values) asks.Add(shard.Ask<ShardState>(Shard.GetState.Instance, timeout));
        Task.WhenAll(asks).PipeTo(replyTo, Self, success: states => new CurrentShardRegionState(states));
    }
}
