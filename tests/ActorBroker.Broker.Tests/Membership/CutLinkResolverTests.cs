using System.Diagnostics;
using ActorBroker.Broker.Membership;
using ActorBroker.Broker.Serialization;
using ActorBroker.MultiNode;
using Akka.Actor;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.Membership;

/// <summary>
/// Three members of one cluster in this process, with Akka's split-brain resolver (keep-majority, stable-after 4 s)
/// and a cut-link resolver on each (deciding after 2 s); the link between two of them is blackholed in the transport.
/// </summary>
[Trait("Category", "Slow")]
[Collection(MultiNode.BrokerNodesCollection.Name)]
public sealed class CutLinkResolverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(4);

    private readonly ClusterNodes _nodes = new(output,
        $"akka.cluster.split-brain-resolver.stable-after = {StableAfter.TotalSeconds}s\n{BrokerAkkaSerialization.Config.ToString(includeFallback: true)}");

    [Fact]
    public async Task A_cut_link_between_two_of_three_members_downs_only_the_younger_of_the_two()
    {
        var nodes = await _nodes.StartClusterAsync(3);
        foreach (var node in nodes)
        {
            var resolver = node.ActorOf(CutLinkResolver.Props(StableAfter / 2), CutLinkResolver.Name);
            await resolver.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));
        }

        var byAge = nodes.OrderBy(n => Cluster.Get(nodes[0]).State.Members.Single(m => m.Address.Equals(_nodes.AddressOf(n))), Member.AgeOrdering).ToList();
        var (third, older, younger) = (byAge[0], byAge[1], byAge[2]);
        var olderAddress = _nodes.AddressOf(older);

        await _nodes.BlackholeAsync(older, younger);

        await _nodes.AwaitRemovedAsync(younger, third, older);
        // The older end of the cut stays: past the resolver's stable-after, it is still an Up member both remaining nodes reach.
        var until = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(until) < 2 * StableAfter)
        {
            foreach (var observer in new[] { third, older })
            {
                var state = Cluster.Get(observer).State;
                Assert.Contains(state.Members, m => m.Address.Equals(olderAddress) && m.Status == MemberStatus.Up);
                Assert.DoesNotContain(state.Unreachable, m => m.Address.Equals(olderAddress));
            }

            await Task.Delay(200);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _nodes.DisposeAsync();
}
