using Akka.Actor;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.MultiNode.Tests;

/// <summary>Partitions, crashes, graceful stops and restarts of one member of three, under the keep-majority resolver.</summary>
public sealed class NodeFailureTests(ITestOutputHelper output) : ClusterTestBase(output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_node_partitioned_from_the_other_two_is_downed_and_removed_while_the_majority_stays_Up()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var majority = new[] { nodes[0], nodes[1] };
        var isolated = nodes[2];
        var probe = MembershipProbe(nodes[0]);

        await Nodes.PartitionAsync(majority, [isolated]);

        var downed = await FishForEventAsync<ClusterEvent.MemberDowned>(probe, Nodes.UniqueAddressOf(isolated));
        await Nodes.AwaitRemovedAsync(isolated, majority);
        await Nodes.AwaitMembersUpAsync(majority);
        // Its own side is the minority, so it downs itself too and, being down, terminates.
        await isolated.WhenTerminated.WaitAsync(Nodes.Timeout);
        Assert.Equal(MemberStatus.Down, downed.Member.Status);
        Assert.All(majority, n => Assert.False(n.WhenTerminated.IsCompleted));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_killed_member_is_seen_unreachable_then_downed_and_removed_by_the_survivors()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var victim = nodes[2];
        var victimAddress = Nodes.UniqueAddressOf(victim);
        var probe = MembershipProbe(nodes[0]);

        await Nodes.KillAsync(victim);

        await FishForEventAsync<ClusterEvent.UnreachableMember>(probe, victimAddress);
        await FishForEventAsync<ClusterEvent.MemberDowned>(probe, victimAddress);
        var removed = await FishForEventAsync<ClusterEvent.MemberRemoved>(probe, victimAddress);
        Assert.Equal(MemberStatus.Down, removed.PreviousStatus);
        await Nodes.AwaitMembersUpAsync(nodes[0], nodes[1]);
    }

    [Fact]
    public async Task A_stopped_member_leaves_through_Exiting_and_is_removed()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var leaver = nodes[1];
        var leaverAddress = Nodes.UniqueAddressOf(leaver);
        var probe = MembershipProbe(nodes[0]);

        await Nodes.StopAsync(leaver);

        await FishForEventAsync<ClusterEvent.MemberExited>(probe, leaverAddress);
        var removed = await FishForEventAsync<ClusterEvent.MemberRemoved>(probe, leaverAddress);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        await Nodes.AwaitMembersUpAsync(nodes[0], nodes[2]);
    }

    [Fact]
    public async Task A_killed_member_restarted_on_its_port_rejoins_as_a_new_incarnation()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var victim = nodes[2];
        var old = Nodes.UniqueAddressOf(victim);
        await Nodes.KillAsync(victim);

        var restarted = await Nodes.RestartAsync(victim);

        await Nodes.AwaitMembersUpAsync(nodes[0], nodes[1], restarted);
        var incarnation = Nodes.UniqueAddressOf(restarted);
        Assert.Equal(old.Address, incarnation.Address);
        Assert.NotEqual(old.Uid, incarnation.Uid);
    }

    [Fact]
    public async Task The_founding_seed_restarted_on_its_port_joins_the_running_members_instead_of_founding_a_second_cluster()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var seed = nodes[0];
        var old = Nodes.UniqueAddressOf(seed);

        var restarted = await Nodes.RestartAsync(seed);

        await Nodes.AwaitMembersUpAsync(restarted, nodes[1], nodes[2]);
        Assert.NotEqual(old.Uid, Nodes.UniqueAddressOf(restarted).Uid);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_node_that_downed_itself_in_a_partition_rejoins_once_healed_and_restarted()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var isolated = nodes[2];
        await Nodes.PartitionAsync([nodes[0], nodes[1]], [isolated]);
        await isolated.WhenTerminated.WaitAsync(Nodes.Timeout);
        await Nodes.AwaitRemovedAsync(isolated);

        await Nodes.HealAllAsync();
        var restarted = await Nodes.RestartAsync(isolated);

        await Nodes.AwaitMembersUpAsync(nodes[0], nodes[1], restarted);
        Assert.Equal(3, Nodes.Nodes.Count);
        // Up is gossip, which may reach a survivor through the other one; each survivor must also hear the new node itself.
        foreach (var survivor in new[] { nodes[0], nodes[1] })
        {
            await AssertRoundTripAsync(survivor, restarted);
            await AssertRoundTripAsync(restarted, survivor);
        }
    }

    /// <summary>An Identify from <paramref name="from"/> to <paramref name="to"/>'s cluster daemon is answered: the link carries messages both ways.</summary>
    private async Task AssertRoundTripAsync(ActorSystem from, ActorSystem to)
    {
        var probe = CreateTestProbe(from);
        from.ActorSelection(new RootActorPath(Nodes.AddressOf(to)) / "system" / "cluster" / "core" / "daemon").Tell(new Identify(1), probe.Ref);
        var identity = await probe.ExpectMsgAsync<ActorIdentity>(TimeSpan.FromSeconds(5));
        Assert.NotNull(identity.Subject);
    }
}
