using Akka.Actor;
using Akka.Cluster;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.MultiNode.Tests;

/// <summary>A TestKit (for its probes) with a <see cref="ClusterNodes"/> fixture that the test's end aborts.</summary>
public abstract class ClusterTestBase : Akka.TestKit.Xunit2.TestKit
{
    /// <param name="config">HOCON every node gets, over the fixture's test timings.</param>
    protected ClusterTestBase(ITestOutputHelper output, string? config = null) : base((ActorSystem?)null, output)
    {
        Nodes = new ClusterNodes(output, config);
    }

    protected ClusterNodes Nodes { get; }

    /// <summary>A probe on <paramref name="node"/> subscribed to its membership and reachability events, the current state first.</summary>
    protected TestProbe MembershipProbe(ActorSystem node)
    {
        var probe = CreateTestProbe(node);
        Cluster.Get(node).Subscribe(probe.Ref, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));
        return probe;
    }

    /// <summary>Waits for the first event of type <typeparamref name="T"/> about <paramref name="address"/>, skipping others.</summary>
    protected Task<T> FishForEventAsync<T>(TestProbe probe, UniqueAddress address) where T : class =>
        probe.FishForMessageAsync<T>(e => MemberOf(e).UniqueAddress.Equals(address), Nodes.Timeout).AsTask();

    private static Member MemberOf(object e) => e switch
    {
        ClusterEvent.MemberStatusChange change => change.Member,
        ClusterEvent.ReachabilityEvent reachability => reachability.Member,
        _ => throw new ArgumentException($"{e.GetType().Name} names no member", nameof(e)),
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing) Nodes.Dispose();
        base.Dispose(disposing);
    }
}
