using Xunit.Abstractions;

namespace ActorBroker.MultiNode.Tests;

/// <summary>
/// One link cut between two of three nodes. The resolver waits a minute here: keep-majority downs nodes that some
/// members cannot reach while others can, and these tests show reachability coming back, not that decision.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LinkFaultTests(ITestOutputHelper output)
    : ClusterTestBase(output, "akka.cluster.split-brain-resolver.stable-after = 60s")
{
    [Fact]
    public async Task A_blackholed_link_makes_its_two_nodes_unreachable_to_each_other_and_HealAll_restores_them()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var (a, b) = (nodes[0], nodes[1]);

        await Nodes.BlackholeAsync(a, b);

        await Nodes.AwaitUnreachableAsync(b, a);
        await Nodes.AwaitUnreachableAsync(a, b);

        await Nodes.HealAllAsync();

        await Nodes.AwaitMembersUpAsync(nodes[0], nodes[1], nodes[2]);
    }

    [Fact]
    public async Task Dropping_every_message_on_a_link_makes_its_nodes_unreachable_and_PassThrough_restores_them()
    {
        var nodes = await Nodes.StartClusterAsync(3);
        var (a, b) = (nodes[0], nodes[2]);

        await Nodes.DropAsync(a, b, 1.0);

        await Nodes.AwaitUnreachableAsync(b, a);
        await Nodes.AwaitUnreachableAsync(a, b);

        await Nodes.PassThroughAsync(a, b);

        await Nodes.AwaitMembersUpAsync(nodes[0], nodes[1], nodes[2]);
    }
}
