using Akka.Actor;
using ActorBroker.Broker.Internal;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Which broker nodes are live: the Up members, by node id. When nodes leave Up, the partitions they lead elect
/// another in-sync replica and their ISRs lose them (Kafka's onBrokerFailure); when nodes come Up, offline partitions
/// whose in-sync replica they are elect them (onBrokerStartup). See <see cref="LeaderElection"/> for the rules.
/// </summary>
internal sealed partial class BrokerController
{
    private readonly SortedDictionary<string, UniqueAddress> _up = new(StringComparer.Ordinal);

    /// <summary>Live broker ids in a stable order, for replica assignment.</summary>
    private List<string> LiveBrokers => [.. _up.Keys];

    private void OnMemberEvent(IMemberEvent e)
    {
        var id = NodeIds.Of(e.Member.Address);
        var members = new Dictionary<string, UniqueAddress>(_up);
        if (e is MemberUp) members[id] = e.Member.UniqueAddress;
        // Only the incarnation we know leaves: a restarted node's new incarnation may already be Up under the same id.
        else if (members.TryGetValue(id, out var known) && known.Equals(e.Member.UniqueAddress)) members.Remove(id);
        ApplyMembership(members, e is MemberUp ? "Up" : e.Member.Status.ToString());
    }

    private void OnMembership(IReadOnlyList<Member> upMembers) =>
        ApplyMembership(upMembers.ToDictionary(m => NodeIds.Of(m.Address), m => m.UniqueAddress), "not Up");

    private void ResetMembership(IEnumerable<Member> upMembers)
    {
        _up.Clear();
        foreach (var member in upMembers) _up[NodeIds.Of(member.Address)] = member.UniqueAddress;
    }

    private void ApplyMembership(Dictionary<string, UniqueAddress> now, string status)
    {
        var gone = _up.Where(kv => !now.TryGetValue(kv.Key, out var u) || !u.Equals(kv.Value)).Select(kv => kv.Key).ToList();
        var came = now.Where(kv => !_up.TryGetValue(kv.Key, out var u) || !u.Equals(kv.Value)).Select(kv => kv.Key).ToList();
        if (gone.Count == 0 && came.Count == 0) return;
        foreach (var id in gone)
        {
            _up.Remove(id);
            ForgetPlacementsOn(id);
            _log.Warning("Broker node {Node} is {Status}: it leads {Led} partitions and is in the ISR of {Isr}",
                id, status, PartitionsLedBy(id).Count(), _state.Topics.Values.Sum(t => t.Partitions.Count(p => p.Isr.Contains(id))));
        }

        // Losses first, even of a node whose new incarnation is Up already: a restarted node lost its place like any other.
        var lost = LeaderElection.OnMembership(_state, IsUp, _settings.TopicDefaults);
        Commit(lost, gone.Count == 0 ? "broker nodes changed" : $"{Join(gone)} not Up", () =>
        {
            foreach (var id in came) _up[id] = now[id];
            var back = LeaderElection.OnMembership(_state, IsUp, _settings.TopicDefaults);
            Commit(back, came.Count == 0 ? "broker nodes changed" : $"{Join(came)} Up", () =>
            {
                // What they lead now was elected onto them just before, and placed there.
                foreach (var id in came) _log.Info("Broker node {Node} is Up: it leads {Led} partitions", id, PartitionsLedBy(id).Count());

                Publish("broker nodes changed"); // also commits what a majority of the nodes now Up stored
                if (_up.Count < Majority(_up.Count))
                    _log.Warning("Only {Up} broker nodes are Up, fewer than {Needed}, a majority of controller.quorum-size {Size}: no metadata change " +
                                 "(election, ISR change, topic) takes effect until more nodes are Up", _up.Count, Majority(_up.Count), _settings.ControllerQuorumSize);
            });
        });
    }

    private IEnumerable<Protocol.TopicPartition> PartitionsLedBy(string nodeId) =>
        _state.AllTopics.SelectMany(t => t.Partitions.Select((a, i) => (a, i)).Where(p => p.a.Leader == nodeId).Select(p => t.PartitionId(p.i)));

    /// <summary>A list of partitions for a log line, cut short when long.</summary>
    private static string Describe(IReadOnlyCollection<Protocol.TopicPartition> partitions, int max = 20) =>
        partitions.Count <= max ? string.Join(", ", partitions) : $"{string.Join(", ", partitions.Take(max))} and {partitions.Count - max} more";

    private bool IsUp(string nodeId) => _up.ContainsKey(nodeId);

    private bool IsUp(string nodeId, out Address address)
    {
        address = null!;
        if (!_up.TryGetValue(nodeId, out var node)) return false;
        address = node.Address;
        return true;
    }
}
