using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;
using static ActorBroker.Cluster.Tests.Sharding.LeastShardAllocationStrategyTests;

namespace ActorBroker.Cluster.Tests.Sharding;

public sealed class ExternalShardAllocationStrategyTests
{
    [Fact]
    public async Task A_shard_with_a_wanted_location_goes_there_and_others_fall_back_to_least_shard()
    {
        var (a, b) = (Region(1), Region(2));
        var strategy = new ExternalShardAllocationStrategy(new LeastShardAllocationStrategy(10, 0.1));
        strategy.SetLocations(new Dictionary<string, Address> { ["pinned"] = b.Path.Address });
        var allocations = Allocations((a, []), (b, ["1", "2"]));

        Assert.Equal(b, await strategy.AllocateShard(a, "pinned", allocations));
        Assert.Equal(a, await strategy.AllocateShard(b, "free", allocations));
    }

    [Fact]
    public async Task Rebalance_moves_misplaced_pinned_shards_and_never_moves_well_placed_ones()
    {
        var (a, b) = (Region(1), Region(2));
        var strategy = new ExternalShardAllocationStrategy(new LeastShardAllocationStrategy(10, 1.0));
        strategy.SetLocations(new Dictionary<string, Address> { ["p1"] = b.Path.Address, ["p2"] = a.Path.Address, ["p3"] = a.Path.Address });

        var moves = await strategy.Rebalance(Allocations((a, ["p1", "p2", "p3"]), (b, [])), new HashSet<string>());

        Assert.Equal(new HashSet<string> { "p1" }, moves.ToHashSet());
    }

    [Fact]
    public async Task A_wanted_location_without_a_region_falls_back()
    {
        var (a, b) = (Region(1), Region(2));
        var strategy = new ExternalShardAllocationStrategy(new LeastShardAllocationStrategy(10, 0.1));
        strategy.SetLocations(new Dictionary<string, Address> { ["pinned"] = Region(9).Path.Address });

        Assert.Equal(a, await strategy.AllocateShard(a, "pinned", Allocations((a, []), (b, ["1"]))));
    }
}
