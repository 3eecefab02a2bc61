using ActorBroker.Actors;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.MultiNode;

[Collection(ClusterTestBase.Collection)]
public sealed class FailureTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    public async Task A_killed_node_is_seen_unreachable_then_down_then_removed()
    {
        var nodes = await StartClusterAsync(3);
        var victim = nodes[2];
        var victimAddress = victim.Address;
        var probe = SubscribedProbe(nodes[0], typeof(MemberEvent), typeof(UnreachableMember));
        probe.ReceiveN(3, Long);

        await Nodes.KillAsync(victim);

        Assert.Equal(victimAddress, probe.FishForMessage<UnreachableMember>(_ => true, Long).Member.Address);
        Assert.Equal(victimAddress, probe.FishForMessage<MemberDowned>(_ => true, Long).Member.Address);
        var removed = probe.FishForMessage<MemberRemoved>(_ => true, Long);
        Assert.Equal(victimAddress, removed.Member.Address);
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        await AwaitUpAsync(nodes.Take(2).ToList(), 2);
    }

    [Fact]
    public async Task In_a_one_to_two_partition_the_majority_goes_on_and_the_minority_downs_itself()
    {
        var nodes = await StartClusterAsync(3);
        var majority = nodes.Take(2).ToList();
        var minority = nodes[2];

        TestNodes.Partition(majority, [minority]);

        await minority.WhenTerminated.WaitAsync(Long);
        await AwaitAsync(majority[0], () => majority.All(n => Cluster.Get(n).State.Members.Count == 2), "the majority removed the minority node");
        await AwaitUpAsync(majority, 2);
        Assert.All(majority, n => Assert.False(n.WhenTerminated.IsCompleted));
    }

    [Fact]
    public async Task A_restarted_node_rejoins_as_a_new_incarnation()
    {
        var nodes = await StartClusterAsync(3);
        var victim = nodes[2];
        var port = victim.Address.Port!.Value;
        var oldUid = Cluster.Get(victim).SelfUniqueAddress.Uid;
        await Nodes.KillAsync(victim);

        var restarted = Nodes.StartMember([nodes[0].Address], port: port);

        await AwaitUpAsync([nodes[0], nodes[1], restarted], 3);
        var rejoined = Cluster.Get(nodes[0]).State.Members.Single(m => m.Address.Equals(restarted.Address));
        Assert.NotEqual(oldUid, rejoined.UniqueAddress.Uid);
    }

    [Fact]
    public async Task Watching_an_actor_on_a_member_that_is_killed_ends_with_Terminated_once_it_is_removed()
    {
        // Three nodes: with two, keep-majority's tie-break could rightly down the survivor instead.
        var nodes = await StartClusterAsync(3);
        var target = nodes[2].ActorOf(Props.Create(() => new Idle()), "target");
        var probe = TestKit.TestKitBase.CreateTestProbe(nodes[0]);
        var remote = nodes[0].Provider.ResolveActorRef(target.Path);
        probe.Watch(remote);

        await Nodes.KillAsync(nodes[2]);

        Assert.True(probe.ExpectTerminated(remote, Long).AddressTerminated);
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle() => ReceiveAny(_ => { });
    }
}
