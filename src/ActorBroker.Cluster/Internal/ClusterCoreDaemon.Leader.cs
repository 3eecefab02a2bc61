using ActorBroker.Actors;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// Leader duties, run by whichever member the gossip names leader, and only at convergence (every reachable
/// member has seen the current gossip), so that all nodes agree on each transition.
/// </summary>
internal sealed partial class ClusterCoreDaemon
{
    private sealed record LeaderActionsTick
    {
        public static readonly LeaderActionsTick Instance = new();
    }

    private void ReceiveLeaderActions() => Receive<LeaderActionsTick>(_ => RunLeaderActions());

    private void StartMemberTimers()
    {
        Timers.StartPeriodicTimer(GossipTick.Instance, GossipTick.Instance, _settings.GossipInterval);
        Timers.StartPeriodicTimer(LeaderActionsTick.Instance, LeaderActionsTick.Instance, _settings.LeaderActionsInterval);
        _heartbeat.Tell(new ClusterHeartbeatActor.Start(Self));
    }

    private void RunLeaderActions()
    {
        if (!_isMember || _shuttingDown || !_self.Equals(_gossip.Leader(_self)) || !_gossip.Convergence(_self)) return;
        var result = LeaderActions.Compute(_gossip, _self, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        if (!result.HasChanges) return;
        foreach (var m in result.Upped) _log.LogInformation("Leader is moving {Member} from Joining to Up", m.Address);
        foreach (var m in result.Exited) _log.LogInformation("Leader is moving {Member} from Leaving to Exiting", m.Address);
        foreach (var m in result.Removed) _log.LogInformation("Leader is removing {Member} ({Status})", m.Address, m.Status);
        Update(result.Gossip);
        // A member that left is told it has been removed, so it can stop at once instead of timing out.
        foreach (var m in result.Removed)
        {
            if (m.Status == MemberStatus.Exiting) SendGossipTo(m.UniqueAddress);
        }
    }
}
