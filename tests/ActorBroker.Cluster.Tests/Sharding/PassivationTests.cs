using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using ActorBroker.Cluster.Tests.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Cluster.Tests.Sharding;

[Collection(ClusterTestBase.Collection)]
public sealed class PassivationTests(ITestOutputHelper output) : ShardingTestBase(output)
{
    private const string Entity = "orders-1";

    [Fact]
    public async Task A_passivated_entity_stops_and_the_next_message_starts_a_new_incarnation()
    {
        var nodes = await StartShardedClusterAsync(1);
        var region = StartSharding(nodes[0]);
        var first = await PingUntilAnsweredAsync(nodes[0], region, Entity);

        region.Tell(new PassivateMe(Entity));

        await AwaitAsync(nodes[0], () => CountOf($"stop@{Port(nodes[0])}:{Entity}") == 1, "the entity passivated");
        Assert.DoesNotContain((await RegionStateAsync(nodes[0])).Shards, s => s.EntityIds.Contains(Entity));
        var second = await PingUntilAnsweredAsync(nodes[0], region, Entity, seq: 2);
        Assert.NotEqual(first.Uid, second.Uid);
    }

    [Fact]
    public async Task An_idle_entity_is_passivated_after_passivate_idle_entity_after()
    {
        var nodes = await StartShardedClusterAsync(1);
        var region = StartSharding(nodes[0], FastSettings(nodes[0]) with { PassivateIdleEntityAfter = TimeSpan.FromMilliseconds(300) });
        await PingUntilAnsweredAsync(nodes[0], region, Entity);

        await AwaitAsync(nodes[0], () => CountOf($"stop@{Port(nodes[0])}:{Entity}") == 1, "the idle entity passivated");
    }

    [Fact]
    public async Task With_remember_entities_a_restarted_shard_restarts_its_entities_but_not_passivated_ones()
    {
        var nodes = await StartShardedClusterAsync(1);
        var region = StartSharding(nodes[0], FastSettings(nodes[0]).WithRememberEntities(true));
        var passivated = SameShardAs(Entity, 0);
        var wake = SameShardAs(Entity, 1);
        await PingUntilAnsweredAsync(nodes[0], region, Entity);
        await PingUntilAnsweredAsync(nodes[0], region, passivated);
        region.Tell(new PassivateMe(passivated));
        await AwaitAsync(nodes[0], () => CountOf($"stop@{Port(nodes[0])}:{passivated}") == 1, "the entity passivated");
        // Remember-entities writes are not awaited: wait until both starts and the passivation are in the journal.
        await AwaitAsync(nodes[0], () => EventsIn($"/sharding/{TypeName}Shard/{Extractor.ShardId(Entity)}") == 3, "the passivation was remembered");

        // Stop the shard as a crash would; the region starts it again on the next message for the shard.
        var shardRef = await nodes[0].ActorSelection($"/system/sharding/{TypeName}/{Extractor.ShardId(Entity)}").ResolveOne(Long);
        nodes[0].Stop(shardRef);
        await AwaitAsync(nodes[0], () => CountOf($"stop@{Port(nodes[0])}:{Entity}") == 1, "the shard stopped with its entity");
        await PingUntilAnsweredAsync(nodes[0], region, wake);

        await AwaitAsync(nodes[0], () => CountOf($"start@{Port(nodes[0])}:{Entity}") == 2, "the remembered entity restarted");
        Assert.Equal(1, CountOf($"start@{Port(nodes[0])}:{passivated}"));
    }

    /// <summary>The <paramref name="skip"/>-th other entity id in the same shard as <paramref name="entityId"/>.</summary>
    private static string SameShardAs(string entityId, int skip)
    {
        var shard = Extractor.ShardId(entityId);
        for (var i = 0; ; i++)
        {
            var candidate = $"same-{i}";
            if (Extractor.ShardId(candidate) == shard && skip-- == 0) return candidate;
        }
    }
}
