using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Cluster.Tests.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Sharding;

[Collection(ClusterTestBase.Collection)]
public sealed class ShardFailoverTests(ITestOutputHelper output) : ShardingTestBase(output)
{
    private const string Entity = "orders-1";

    private async Task<List<ActorSystem>> StartPinnedAsync(int count, int pinnedTo, bool rememberEntities = false)
    {
        var nodes = await StartShardedClusterAsync(count);
        foreach (var node in nodes)
        {
            var settings = FastSettings(node).WithRememberEntities(rememberEntities);
            StartSharding(node, settings, new ExternalShardAllocationStrategy(LeastShardAllocationStrategy.From(settings)));
        }

        await AwaitRegisteredAsync(nodes, count);
        await ClusterSharding.Get(nodes[0]).ShardLocations(TypeName).UpdateShardLocation(Extractor.ShardId(Entity), nodes[pinnedTo].Address);
        return nodes;
    }

    [Fact]
    public async Task Sharded_entities_are_recreated_on_a_survivor_after_their_node_is_killed()
    {
        var nodes = await StartPinnedAsync(3, pinnedTo: 2);
        var region = ClusterSharding.Get(nodes[1]).ShardRegion(TypeName);
        Assert.Equal(nodes[2].Address.Port, (await PingUntilAnsweredAsync(nodes[1], region, Entity)).Port);

        await Nodes.KillAsync(nodes[2]);

        var pong = await PingUntilAnsweredAsync(nodes[1], region, Entity, seq: 2);
        Assert.Contains(pong.Port, new[] { nodes[0].Address.Port, nodes[1].Address.Port });
    }

    [Fact]
    public async Task The_coordinator_state_survives_its_own_node_being_killed()
    {
        var nodes = await StartPinnedAsync(3, pinnedTo: 1);
        var region = ClusterSharding.Get(nodes[2]).ShardRegion(TypeName);
        var before = await PingUntilAnsweredAsync(nodes[2], region, Entity);
        Assert.Equal(nodes[1].Address.Port, before.Port);

        await Nodes.KillAsync(nodes[0]); // the oldest: it ran the coordinator singleton

        var survivors = nodes.Skip(1).ToList();
        await AwaitRegisteredAsync(survivors, 2);
        // The wanted location lives only in the coordinator's journal: the new coordinator read it back.
        var locations = await ClusterSharding.Get(nodes[2]).ShardLocations(TypeName).ShardLocations();
        Assert.Equal(nodes[1].Address, locations[Extractor.ShardId(Entity)]);
        var after = await PingUntilAnsweredAsync(nodes[2], region, Entity, seq: 2);
        Assert.Equal((before.Port, before.Uid), (after.Port, after.Uid)); // the same incarnation: nothing moved
        await PingUntilAnsweredAsync(nodes[2], region, "orders-new"); // and it allocates new shards
    }

    [Fact]
    public async Task Remembered_entities_restart_on_a_survivor_without_a_message_after_their_node_is_killed()
    {
        var nodes = await StartPinnedAsync(3, pinnedTo: 2, rememberEntities: true);
        var region = ClusterSharding.Get(nodes[1]).ShardRegion(TypeName);
        Assert.Equal(nodes[2].Address.Port, (await PingUntilAnsweredAsync(nodes[1], region, Entity)).Port);

        await Nodes.KillAsync(nodes[2]);

        await AwaitAsync(nodes[0], () => CountOf($"start@{Port(nodes[0])}:{Entity}") + CountOf($"start@{Port(nodes[1])}:{Entity}") == 1,
            "the remembered entity restarted on a survivor");
    }
}
