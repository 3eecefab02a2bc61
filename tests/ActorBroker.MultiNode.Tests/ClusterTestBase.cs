using ActorBroker.Protocol;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.MultiNode.Tests;

/// <summary>A TestKit (for its probes) with a <see cref="ClusterNodes"/> fixture that the test's end aborts.</summary>
public abstract class ClusterTestBase : Akka.TestKit.Xunit2.TestKit
{
    /// <param name="config">HOCON every node gets, over the fixture's test timings.</param>
    /// <remarks>
    /// Nodes run with the serializer rules of every project node (ProtocolAkkaSerialization.Config: no type named on
    /// the wire, bounded nesting, no fan-out selections), so these tests also show that Akka's own remote traffic
    /// (joins, gossip, heartbeats, downing) passes them.
    /// </remarks>
    protected ClusterTestBase(ITestOutputHelper output, string? config = null) : base((ActorSystem?)null, output)
    {
        var withRules = ConfigurationFactory.ParseString(config ?? "").WithFallback(ProtocolAkkaSerialization.Config);
        Nodes = new ClusterNodes(output, withRules.ToString(includeFallback: true));
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
