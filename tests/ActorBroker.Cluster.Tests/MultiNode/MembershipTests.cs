using ActorBroker.Actors;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.MultiNode;

[Collection(ClusterTestBase.Collection)]
public sealed class MembershipTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    public async Task Three_nodes_form_a_cluster_from_seed_nodes_and_agree_on_the_leader()
    {
        var nodes = await StartClusterAsync(3);

        var leaders = nodes.Select(n => Cluster.Get(n).State.Leader).Distinct().ToList();
        var expected = nodes.Select(n => Cluster.Get(n).SelfUniqueAddress).Order().First().Address;
        await AwaitAsync(nodes[0], () => nodes.All(n => Equals(Cluster.Get(n).State.Leader, expected)), "every node names the lowest address leader");
        Assert.Single(leaders);
    }

    [Fact]
    public async Task A_node_whose_seeds_are_not_up_yet_keeps_retrying_until_they_are()
    {
        var seedPort = TestNodes.FreePort();
        var seed = Nodes.AddressOn(seedPort);
        var early = Nodes.StartMember([seed]);
        // Its first InitJoins find nobody listening and end as dead letters: it really started before the seed.
        var deadLetters = TestKit.TestKitBase.CreateTestProbe(early);
        early.EventStream.Subscribe<DeadLetter>(deadLetters.Ref);
        deadLetters.FishForMessage<DeadLetter>(d => d.Message is Internal.InitJoin, Long);

        var founder = Nodes.StartMember([seed], port: seedPort);

        await AwaitUpAsync([founder, early], 2);
    }

    [Fact]
    public async Task Subscribers_get_the_current_state_first_and_then_membership_events()
    {
        var nodes = await StartClusterAsync(2);
        var probe = TestKit.TestKitBase.CreateTestProbe(nodes[0]);

        Cluster.Get(nodes[0]).Subscribe(probe.Ref, InitialStateMode.AsSnapshot, typeof(IClusterDomainEvent));
        var snapshot = probe.ExpectMsg<CurrentClusterState>();
        Assert.Equal(2, snapshot.Members.Count);

        var third = Nodes.StartMember([nodes[0].Address]);
        var up = probe.FishForMessage<MemberUp>(_ => true, Long);
        Assert.Equal(third.Address, up.Member.Address);
    }

    [Fact]
    public async Task Roles_travel_with_the_member()
    {
        var nodes = await StartClusterAsync(1);
        var broker = Nodes.StartMember([nodes[0].Address], """actorbroker.cluster.roles = ["broker", "controller"]""");
        await AwaitUpAsync([nodes[0], broker], 2);

        var seen = Cluster.Get(nodes[0]).State.Members.Single(m => m.Address.Equals(broker.Address));
        Assert.True(seen.HasRole("broker"));
        Assert.True(seen.HasRole("controller"));
    }

    [Fact]
    public async Task A_member_that_leaves_gracefully_goes_Leaving_Exiting_Removed_and_stops()
    {
        var nodes = await StartClusterAsync(3);
        var leaving = nodes[2];
        var probe = SubscribedProbe(nodes[0], typeof(MemberEvent));
        probe.ReceiveN(3, Long); // the three MemberUp of the initial state

        await Cluster.Get(leaving).LeaveAsync();

        Assert.Equal(leaving.Address, probe.FishForMessage<MemberLeft>(_ => true, Long).Member.Address);
        Assert.Equal(leaving.Address, probe.FishForMessage<MemberExited>(_ => true, Long).Member.Address);
        var removed = probe.FishForMessage<MemberRemoved>(_ => true, Long);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        await leaving.WhenTerminated.WaitAsync(Long);
        await AwaitUpAsync(nodes.Take(2).ToList(), 2);
    }

    [Fact]
    public void Cluster_Get_on_a_system_without_the_cluster_provider_says_what_to_configure()
    {
        var plain = ActorSystem.Create("plain");
        using var cleanup = new Terminator(plain);

        var error = Assert.Throws<InvalidOperationException>(() => Cluster.Get(plain));

        Assert.Contains("actorbroker.actor.provider = cluster", error.Message);
    }
}

/// <summary>Terminates a throwaway system at the end of a test.</summary>
internal sealed class Terminator(ActorSystem system) : IDisposable
{
    public void Dispose() => system.Terminate().Wait(TimeSpan.FromSeconds(10));
}
