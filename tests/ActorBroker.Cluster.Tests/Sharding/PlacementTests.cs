using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Cluster.Tests.MultiNode;
using ActorBroker.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Sharding;

[Collection(ClusterTestBase.Collection)]
public sealed class PlacementTests(ITestOutputHelper output) : ShardingTestBase(output)
{
    private const string Entity = "orders-1";

    private async Task<List<ActorSystem>> StartExternallyPlacedAsync(int count)
    {
        var nodes = await StartShardedClusterAsync(count);
        foreach (var node in nodes)
        {
            var settings = FastSettings(node);
            StartSharding(node, settings, new ExternalShardAllocationStrategy(LeastShardAllocationStrategy.From(settings)));
        }

        await AwaitRegisteredAsync(nodes, count);
        return nodes;
    }

    [Fact]
    public async Task The_external_strategy_places_a_shard_on_a_named_node_and_moves_it_on_request()
    {
        var nodes = await StartExternallyPlacedAsync(3);
        var shard = Extractor.ShardId(Entity);
        var locations = ClusterSharding.Get(nodes[0]).ShardLocations(TypeName);

        await locations.UpdateShardLocation(shard, nodes[1].Address);
        var first = await PingUntilAnsweredAsync(nodes[0], ClusterSharding.Get(nodes[0]).ShardRegion(TypeName), Entity);
        Assert.Equal(nodes[1].Address.Port, first.Port);

        await locations.UpdateShardLocation(shard, nodes[2].Address);

        // Moved at once, not at the next rebalance-interval (5 minutes here): the shard starts on the new node.
        await AwaitAsync(nodes[2], () => Hosts(RegionStateAsync(nodes[2]).GetAwaiter().GetResult(), shard), "the shard started on its new node");
        Assert.False(Hosts(await RegionStateAsync(nodes[1]), shard));
        var moved = await PingUntilAnsweredAsync(nodes[0], ClusterSharding.Get(nodes[0]).ShardRegion(TypeName), Entity);
        Assert.Equal(nodes[2].Address.Port, moved.Port);
        Assert.Equal(nodes[2].Address, (await locations.ShardLocations())[shard]);
    }

    [Fact]
    public async Task Messages_sent_during_a_hand_off_arrive_once_and_in_order_and_the_entity_stops_before_it_starts_elsewhere()
    {
        var nodes = await StartExternallyPlacedAsync(3);
        var (source, target, sender) = (nodes[1], nodes[2], nodes[0]);
        var shard = Extractor.ShardId(Entity);
        var region = ClusterSharding.Get(sender).ShardRegion(TypeName);
        await ClusterSharding.Get(sender).ShardLocations(TypeName).UpdateShardLocation(shard, source.Address);
        Assert.Equal(source.Address.Port, (await PingUntilAnsweredAsync(sender, region, Entity)).Port);
        var probe = TestKitBase.CreateTestProbe(sender);
        var moveAck = TestKitBase.CreateTestProbe(sender);

        // Batches of ten, each answered before the next, keep the stream going while the hand-off runs.
        var pongs = new List<Pong>();
        var seq = 0;
        while (pongs.Count == 0 || pongs[^1].Port != target.Address.Port || seq < 300)
        {
            Assert.True(seq < 5000, "the shard never moved to its new location");
            for (var i = 0; i < 10; i++) region.Tell(new Ping(Entity, ++seq), probe.Ref);
            if (seq == 30) region.Tell(new UpdateShardLocation(shard, target.Address), moveAck.Ref);
            for (var i = 0; i < 10; i++) pongs.Add(probe.ExpectMsg<Pong>(Long));
        }

        Assert.Equal(Enumerable.Range(1, seq), pongs.Select(p => p.Seq));
        moveAck.ExpectMsg<UpdateShardLocationDone>(Long);
        var lastOnSource = pongs.FindLastIndex(p => p.Port == source.Address.Port);
        Assert.All(pongs.Skip(lastOnSource + 1), p => Assert.Equal(target.Address.Port, p.Port)); // never back
        var events = Lifecycle.ToList();
        var stopped = events.IndexOf($"stop@{Port(source)}:{Entity}");
        var started = events.IndexOf($"start@{Port(target)}:{Entity}");
        Assert.True(stopped >= 0 && started > stopped, $"expected the stop on the source before the start on the target: {string.Join(", ", events)}");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300)); // and nothing twice
    }
}
