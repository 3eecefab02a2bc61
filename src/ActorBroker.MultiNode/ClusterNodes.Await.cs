using System.Text;
using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.MultiNode;

/// <summary>Waits on membership as each node sees it, by polling its cluster state.</summary>
public sealed partial class ClusterNodes
{
    /// <summary>
    /// Waits until each of <paramref name="nodes"/> (all running nodes if none are given) sees exactly those nodes
    /// as members, every one Up and reachable.
    /// </summary>
    public Task AwaitMembersUpAsync(params ActorSystem[] nodes)
    {
        var group = nodes.Length > 0 ? nodes : [.. Nodes];
        var expected = group.Select(UniqueAddressOf).ToHashSet();
        return AwaitAsync(group, state =>
            state.Members.Select(m => m.UniqueAddress).ToHashSet().SetEquals(expected)
            && state.Members.All(m => m.Status == MemberStatus.Up)
            && state.Unreachable.Count == 0,
            $"{group.Length} nodes see each other Up and reachable");
    }

    /// <summary>Waits until each observer (every other running node if none are given) sees <paramref name="subject"/> unreachable.</summary>
    public Task AwaitUnreachableAsync(ActorSystem subject, params ActorSystem[] observers)
    {
        var uid = UniqueAddressOf(subject);
        return AwaitAsync(ObserversOf(subject, observers), state => state.Unreachable.Any(m => m.UniqueAddress.Equals(uid)), $"{uid} is unreachable");
    }

    /// <summary>Waits until each observer (every other running node if none are given) sees <paramref name="subject"/> as a reachable member.</summary>
    public Task AwaitReachableAsync(ActorSystem subject, params ActorSystem[] observers)
    {
        var uid = UniqueAddressOf(subject);
        return AwaitAsync(ObserversOf(subject, observers),
            state => state.Members.Any(m => m.UniqueAddress.Equals(uid)) && state.Unreachable.All(m => !m.UniqueAddress.Equals(uid)),
            $"{uid} is a reachable member");
    }

    /// <summary>Waits until no observer (every other running node if none are given) lists <paramref name="subject"/>'s incarnation as a member.</summary>
    public Task AwaitRemovedAsync(ActorSystem subject, params ActorSystem[] observers)
    {
        var uid = UniqueAddressOf(subject);
        return AwaitAsync(ObserversOf(subject, observers), state => state.Members.All(m => !m.UniqueAddress.Equals(uid)), $"{uid} is removed");
    }

    /// <summary>Polls every 50 ms until <paramref name="condition"/> holds on each node's cluster state; on timeout the message shows each node's view.</summary>
    public Task AwaitAsync(IReadOnlyCollection<ActorSystem> nodes, Func<ClusterEvent.CurrentClusterState, bool> condition, string what) =>
        AwaitAsync(() => nodes.All(n => condition(Cluster.Get(n).State)), () => $"{what}; {Describe(nodes)}");

    /// <summary>Polls every 50 ms until <paramref name="condition"/> holds, for up to <see cref="Timeout"/>.</summary>
    public Task AwaitAsync(Func<bool> condition, string what) => AwaitAsync(condition, () => what);

    private async Task AwaitAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out after {Timeout} waiting until {what()}");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private IReadOnlyCollection<ActorSystem> ObserversOf(ActorSystem subject, ActorSystem[] observers) =>
        observers.Length > 0 ? observers : [.. Nodes.Where(n => n != subject)];

    private string Describe(IEnumerable<ActorSystem> nodes)
    {
        var text = new StringBuilder();
        foreach (var node in nodes)
        {
            var state = Cluster.Get(node).State;
            text.Append($"[:{AddressOf(node).Port} sees members {string.Join(", ", state.Members.Select(m => $":{m.Address.Port}#{m.UniqueAddress.Uid} {m.Status}"))}");
            text.Append($"; unreachable {string.Join(", ", state.Unreachable.Select(m => $":{m.Address.Port}"))}] ");
        }

        return text.ToString();
    }
}
