using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Cluster.Tests.MultiNode;
using ActorBroker.TestKit;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Sharding;

[Collection(ClusterTestBase.Collection)]
public sealed class ShardRegionTests(ITestOutputHelper output) : ShardingTestBase(output)
{
    [Fact]
    public async Task Each_entity_runs_once_on_one_node_and_answers_from_every_node()
    {
        var nodes = await StartShardedClusterAsync(3);
        var regions = nodes.Select(n => StartSharding(n)).ToList();
        await AwaitRegisteredAsync(nodes, 3);
        var entities = Enumerable.Range(0, 12).Select(i => $"orders-{i}").ToList();

        var pongs = new List<Pong>();
        for (var n = 0; n < nodes.Count; n++)
        {
            foreach (var entity in entities) pongs.Add(await PingUntilAnsweredAsync(nodes[n], regions[n], entity));
        }

        foreach (var byEntity in pongs.GroupBy(p => p.EntityId))
        {
            Assert.Single(byEntity.Select(p => (p.Port, p.Uid)).Distinct()); // one incarnation on one node
            Assert.Equal(1, CountOf($"start@{byEntity.First().Port}:{byEntity.Key}"));
        }

        Assert.Equal(3, pongs.Select(p => p.Port).Distinct().Count()); // least-shard spread them over every node
    }

    [Fact]
    public async Task Starting_a_type_twice_returns_the_same_region_and_an_unknown_type_is_a_clear_error()
    {
        var nodes = await StartShardedClusterAsync(1);

        var first = StartSharding(nodes[0]);
        var second = StartSharding(nodes[0]);

        Assert.Same(first, second);
        Assert.Equal($"/system/sharding/{TypeName}", first.Path.ToStringWithoutAddress());
        Assert.Same(first, ClusterSharding.Get(nodes[0]).ShardRegion(TypeName));
        var error = Assert.Throws<InvalidOperationException>(() => ClusterSharding.Get(nodes[0]).ShardRegion("nope"));
        Assert.Contains("'nope' is not started", error.Message);
    }

    [Fact]
    public async Task A_proxy_region_routes_to_the_hosting_nodes_and_hosts_nothing()
    {
        var nodes = await StartShardedClusterAsync(2);
        var client = Nodes.StartMember([nodes[0].Address]);
        await AwaitUpAsync([.. nodes, client], 3);
        Prepare(client);
        foreach (var node in nodes) StartSharding(node);
        var proxy = ClusterSharding.Get(client).StartProxy(TypeName, null, Extractor);

        var pongs = new List<Pong>();
        for (var i = 0; i < 6; i++) pongs.Add(await PingUntilAnsweredAsync(client, proxy, $"orders-{i}"));

        Assert.DoesNotContain(pongs, p => p.Port == client.Address.Port);
        Assert.Empty((await RegionStateAsync(client)).Shards);
    }

    [Fact]
    public async Task A_node_without_the_role_gets_a_proxy_and_the_shards_stay_on_the_role()
    {
        var seedPort = TestNodes.FreePort();
        var seed = Nodes.AddressOn(seedPort);
        var broker = Nodes.StartMember([seed], """actorbroker.cluster.roles = ["broker"]""", seedPort);
        var other = Nodes.StartMember([seed]);
        await AwaitUpAsync([broker, other], 2);
        Prepare(broker);
        Prepare(other);
        StartSharding(broker, FastSettings(broker).WithRole("broker"));
        var proxy = StartSharding(other, FastSettings(other).WithRole("broker"));

        var pong = await PingUntilAnsweredAsync(other, proxy, "orders-1");

        Assert.Equal(broker.Address.Port, pong.Port);
        Assert.Empty((await RegionStateAsync(other)).Shards);
    }

    [Fact]
    public async Task A_message_without_an_entity_id_is_dead_lettered_with_a_reason_and_the_region_goes_on()
    {
        var nodes = await StartShardedClusterAsync(1);
        var region = StartSharding(nodes[0]);
        var deadLetters = TestKitBase.CreateTestProbe(nodes[0]);
        nodes[0].EventStream.Subscribe<DeadLetter>(deadLetters.Ref);

        region.Tell("not for any entity");

        var dead = deadLetters.FishForMessage<DeadLetter>(d => d.Message is "not for any entity", Long);
        Assert.Contains("no entity id", dead.Reason);
        await PingUntilAnsweredAsync(nodes[0], region, "orders-1");
    }

    [Fact]
    public async Task Region_state_and_cluster_sharding_stats_show_the_shards_per_node()
    {
        var nodes = await StartShardedClusterAsync(2);
        var regions = nodes.Select(n => StartSharding(n)).ToList();
        await AwaitRegisteredAsync(nodes, 2);
        var pongs = new List<Pong>();
        for (var i = 0; i < 8; i++) pongs.Add(await PingUntilAnsweredAsync(nodes[0], regions[0], $"orders-{i}"));

        var stats = await regions[1].Ask<ClusterShardingStats>(GetClusterShardingStats.Instance, Long);
        var hosted = new List<string>();
        foreach (var node in nodes)
        {
            var state = await RegionStateAsync(node);
            var fromCoordinator = stats.Regions.Single(r => r.Address.Equals(node.Address)).ShardIds;
            Assert.Equal(fromCoordinator.Order(), state.Shards.Select(s => s.ShardId).Order());
            hosted.AddRange(state.Shards.SelectMany(s => s.EntityIds));
        }

        Assert.Equal(pongs.Select(p => p.EntityId).Order(), hosted.Order());
    }
}
