using ActorBroker.Actors;
using ActorBroker.TestKit;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.MultiNode;

/// <summary>Nodes of one cluster in this process, with helpers to start a founded cluster of N members.</summary>
public abstract class ClusterTestBase : IDisposable
{
    /// <summary>Multi-node tests run one at a time: on two cores, parallel clusters would starve each other's heartbeats.</summary>
    public const string Collection = "multi-node cluster";

    protected ClusterTestBase(ITestOutputHelper output)
    {
        Output = output;
        Nodes = new TestNodes(output, TestNodes.ClusterConfig);
    }

    protected ITestOutputHelper Output { get; }

    protected TestNodes Nodes { get; }

    protected static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    /// <summary>Starts <paramref name="count"/> members; the first is the first seed (it founds the cluster), the others join through it.</summary>
    protected async Task<List<ActorSystem>> StartClusterAsync(int count)
    {
        var seedPort = TestNodes.FreePort();
        var seed = Nodes.AddressOn(seedPort);
        var members = new List<ActorSystem> { Nodes.StartMember([seed], port: seedPort) };
        for (var i = 1; i < count; i++) members.Add(Nodes.StartMember([seed]));
        await AwaitUpAsync(members, count);
        return members;
    }

    /// <summary>Waits until every node in <paramref name="nodes"/> sees <paramref name="count"/> members, all Up.</summary>
    protected static async Task AwaitUpAsync(IReadOnlyList<ActorSystem> nodes, int count)
    {
        foreach (var node in nodes) await Cluster.Get(node).WhenUp.WaitAsync(Long);
        await AwaitAsync(nodes[0], () => nodes.All(n =>
        {
            var state = Cluster.Get(n).State;
            return state.Members.Count == count && state.Members.All(m => m.Status == MemberStatus.Up);
        }), "all nodes see every member Up");
    }

    /// <summary>Waits with the TestKit's AwaitCondition (on a probe of <paramref name="node"/>) until <paramref name="condition"/> holds.</summary>
    protected static Task AwaitAsync(ActorSystem node, Func<bool> condition, string what) =>
        TestKitBase.CreateTestProbe(node).AwaitConditionAsync(condition, Long, null, $"timed out waiting until {what}");

    protected static TestProbe SubscribedProbe(ActorSystem node, params Type[] events)
    {
        var probe = TestKitBase.CreateTestProbe(node);
        Cluster.Get(node).Subscribe(probe.Ref, InitialStateMode.AsEvents, events);
        return probe;
    }

    public void Dispose()
    {
        Nodes.Dispose();
        GC.SuppressFinalize(this);
    }
}
