using ActorBroker.Actors;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// Joining. A node asks the seed nodes <see cref="InitJoin"/> until a member answers, then sends it
/// <see cref="Join"/> and waits for <see cref="Welcome"/>. The first seed node joins itself when no other seed
/// answers within seed-node-timeout, which is how a cluster is born.
/// </summary>
internal sealed partial class ClusterCoreDaemon
{
    private IReadOnlyList<Address> _seeds = [];
    private int _seedRounds;
    private long _joinStartedAt;

    private sealed record SeedTick
    {
        public static readonly SeedTick Instance = new();
    }

    private sealed record JoinTimeout
    {
        public static readonly JoinTimeout Instance = new();
    }

    /// <summary>Joins the cluster through <paramref name="Seeds"/> (Cluster.JoinSeedNodes).</summary>
    public sealed record JoinSeedNodes(IReadOnlyList<Address> Seeds);

    /// <summary>Joins the cluster through one member, or creates one when it is this node (Cluster.Join).</summary>
    public sealed record JoinTo(Address Address);

    private void ReceiveJoining()
    {
        Receive<JoinSeedNodes>(j => StartSeedProcess(j.Seeds));
        Receive<JoinTo>(j => JoinThrough(j.Address));
        Receive<SeedTick>(_ => OnSeedTick());
        Receive<JoinTimeout>(_ => OnJoinTimeout());
        Receive<InitJoin>(_ => Sender.Tell(_isMember && SelfMember?.Status is MemberStatus.Up or MemberStatus.Joining
            ? new InitJoinAck(_self.Address)
            : new InitJoinNack(_self.Address), Self));
        Receive<InitJoinAck>(a =>
        {
            if (_isMember || !Timers.IsTimerActive(SeedTick.Instance)) return;
            Timers.Cancel(SeedTick.Instance);
            JoinThrough(a.Address);
        });
        Receive<InitJoinNack>(_ => { });
        Receive<Join>(OnJoin);
        Receive<Welcome>(OnWelcome);
    }

    private void StartSeedProcess(IReadOnlyList<Address> seeds)
    {
        if (_isMember) return;
        _seeds = seeds;
        _seedRounds = 0;
        _joinStartedAt = Environment.TickCount64;
        _log.LogInformation("Joining the cluster through seed nodes [{Seeds}]", string.Join(", ", seeds));
        OnSeedTick();
        Timers.StartPeriodicTimer(SeedTick.Instance, SeedTick.Instance, SeedRetryInterval);
        if (_settings.ShutdownAfterUnsuccessfulJoinSeedNodes is { } limit) Timers.StartSingleTimer(JoinTimeout.Instance, JoinTimeout.Instance, limit);
    }

    private void OnSeedTick()
    {
        if (_isMember) return;
        var firstSeedIsSelf = _seeds.Count > 0 && _seeds[0].Equals(_self.Address);
        // The first seed waits seed-node-timeout for an existing cluster to answer before founding a new one.
        if (firstSeedIsSelf && Environment.TickCount64 - _joinStartedAt >= (long)_settings.SeedNodeTimeout.TotalMilliseconds)
        {
            Timers.Cancel(SeedTick.Instance);
            JoinThrough(_self.Address);
            return;
        }

        if (_seedRounds > 0 && _seedRounds % 10 == 0)
            _log.LogWarning("Still no answer from seed nodes [{Seeds}] after {Seconds:0} s; retrying", string.Join(", ", _seeds), (Environment.TickCount64 - _joinStartedAt) / 1000.0);
        _seedRounds++;
        foreach (var seed in _seeds)
        {
            if (!seed.Equals(_self.Address)) CoreOf(seed).Tell(InitJoin.Instance, Self);
        }
    }

    /// <summary>InitJoin is repeated this often: quickly, so a node joins soon after a seed comes up.</summary>
    private TimeSpan SeedRetryInterval => _settings.SeedNodeTimeout < TimeSpan.FromSeconds(1) ? _settings.SeedNodeTimeout : TimeSpan.FromSeconds(1);

    private void OnJoinTimeout()
    {
        if (_isMember) return;
        _log.LogError("Could not join the cluster through [{Seeds}] within {Limit} (actorbroker.cluster.shutdown-after-unsuccessful-join-seed-nodes)",
            string.Join(", ", _seeds), _settings.ShutdownAfterUnsuccessfulJoinSeedNodes);
        ShutdownSelf("joining the seed nodes failed");
    }

    private void JoinThrough(Address address)
    {
        if (_isMember) return;
        if (address.Equals(_self.Address))
        {
            _log.LogInformation("Node {Self} is founding a new cluster", _self.Address);
            BecomeMember(Gossip.Create([Member.Create(_self, _settings.Roles)]).Increment(_self));
            return;
        }

        _log.LogInformation("Joining the cluster through {Address}", address);
        CoreOf(address).Tell(new Join(_self, _settings.Roles), Self);
        // No Welcome within a seed round: start over with the seeds (the contact may have died meanwhile).
        if (_seeds.Count > 0) Timers.StartPeriodicTimer(SeedTick.Instance, SeedTick.Instance, _settings.SeedNodeTimeout);
    }

    private void OnJoin(Join join)
    {
        if (!_isMember || _shuttingDown) return;
        var node = join.Node;
        if (_gossip.IsTombstoned(node))
        {
            _log.LogWarning("Ignoring a join from {Node}: that incarnation was removed; it must restart", node);
            return;
        }

        var existing = _gossip.GetMember(node.Address);
        if (existing is not null && existing.UniqueAddress.Equals(node))
        {
            Sender.Tell(new Welcome(_self, _gossip), Self);
            return;
        }

        if (existing is not null)
        {
            // A restarted node: the old incarnation is gone, so down it; the new one's join retry gets in once it is removed.
            if (existing.Status is not (MemberStatus.Down or MemberStatus.Removed))
            {
                _log.LogWarning("New incarnation {Node} is joining while the old one ({Old}) is a member: marking the old one Down", node, existing.UniqueAddress);
                Update(_gossip.UpdateMember(existing.Copy(MemberStatus.Down)).Increment(_self));
            }

            return;
        }

        _log.LogInformation("Node {Node} is joining with roles [{Roles}]", node.Address, string.Join(", ", join.Roles));
        Update(_gossip.AddMember(Member.Create(node, join.Roles)).Increment(_self));
        Sender.Tell(new Welcome(_self, _gossip), Self);
    }

    private void OnWelcome(Welcome welcome)
    {
        if (_isMember) return;
        if (!welcome.Gossip.HasMember(_self))
        {
            _log.LogWarning("Ignoring a welcome from {From} that does not list this node", welcome.From);
            return;
        }

        _log.LogInformation("Welcomed into the cluster by {From}", welcome.From.Address);
        BecomeMember(welcome.Gossip.Seen(_self));
    }

    private void BecomeMember(Gossip gossip)
    {
        _isMember = true;
        Timers.Cancel(SeedTick.Instance);
        Timers.Cancel(JoinTimeout.Instance);
        StartMemberTimers();
        Update(gossip);
    }

    private IActorRef CoreOf(Address address) =>
        _cluster.Provider.ResolveActorRef(ActorPath.Root(address).Child("system").Child(Cluster.CoreDaemonName));
}
