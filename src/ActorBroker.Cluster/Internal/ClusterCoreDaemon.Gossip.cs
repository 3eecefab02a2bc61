using ActorBroker.Actors;
using ActorBroker.Remote;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cluster.Internal;

/// <summary>
/// Gossip: every gossip-interval this node pushes its view to one reachable member (preferring one that has
/// not seen the current version), and merges what it receives by comparing version vectors.
/// </summary>
internal sealed partial class ClusterCoreDaemon
{
    private sealed record GossipTick
    {
        public static readonly GossipTick Instance = new();
    }

    private void ReceiveGossip()
    {
        Receive<GossipTick>(_ => GossipToRandomMember(preferUnseen: true));
        Receive<GossipEnvelope>(OnGossip);
    }

    private void OnGossip(GossipEnvelope envelope)
    {
        if (_shuttingDown || !envelope.To.Equals(_self)) return;
        var remote = envelope.Gossip;
        if (!remote.HasMember(_self))
        {
            // The final gossip a leader sends to a member it removed: this node is out.
            if (_isMember && remote.IsTombstoned(_self)) ShutdownSelf("it was removed from the cluster");
            return;
        }

        if (!_isMember)
        {
            // The leader added this node and gossip outran the Welcome: same effect.
            BecomeMember(remote.Seen(_self));
            return;
        }

        if (_gossip.IsTombstoned(envelope.From)) return;
        switch (remote.Version.Compare(_gossip.Version))
        {
            case VectorClockOrdering.Same:
                var merged = _gossip;
                foreach (var seen in remote.SeenBy) merged = merged.Seen(seen);
                if (!merged.SeenByNode(_self)) merged = merged.Seen(_self);
                if (merged.SeenBy.Count != _gossip.SeenBy.Count) Update(merged);
                break;
            case VectorClockOrdering.Before:
                // The sender is behind: answer with the newer view.
                SendGossipTo(envelope.From);
                break;
            case VectorClockOrdering.After:
                Update(remote.Seen(_self));
                break;
            default:
                Update(remote.Merge(_gossip).Seen(_self));
                SendGossipTo(envelope.From);
                break;
        }
    }

    private void GossipToUnseen()
    {
        if (!_isMember || _shuttingDown) return;
        GossipToRandomMember(preferUnseen: true, onlyUnseen: true);
    }

    private void GossipToRandomMember(bool preferUnseen, bool onlyUnseen = false)
    {
        if (!_isMember || _shuttingDown) return;
        var candidates = _gossip.Members
            .Where(m => !m.UniqueAddress.Equals(_self) && m.Status != MemberStatus.Down && _gossip.Reachability.IsReachable(_self, m.UniqueAddress))
            .ToList();
        if (candidates.Count == 0) return;
        var unseen = candidates.Where(m => !_gossip.SeenByNode(m.UniqueAddress)).ToList();
        if (onlyUnseen && unseen.Count == 0) return;
        var pool = preferUnseen && unseen.Count > 0 ? unseen : candidates;
        SendGossipTo(pool[Random.Shared.Next(pool.Count)].UniqueAddress);
    }

    private void SendGossipTo(UniqueAddress node) => CoreOf(node.Address).Tell(new GossipEnvelope(_self, node, _gossip), Self);
}
