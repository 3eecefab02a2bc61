using ActorBroker.Actors;
using ActorBroker.Cluster.Sharding;

namespace ActorBroker.Cluster.Tests.Sharding;

public sealed class LeastShardAllocationStrategyTests
{
    private static readonly IReadOnlySet<string> NoneInProgress = new HashSet<string>();

    [Fact]
    public async Task A_new_shard_goes_to_the_region_with_fewest_shards()
    {
        var (a, b, c) = (Region(1), Region(2), Region(3));
        var strategy = new LeastShardAllocationStrategy(10, 0.1);

        var chosen = await strategy.AllocateShard(a, "x", Allocations((a, ["1", "2"]), (b, ["3"]), (c, ["4", "5"])));

        Assert.Equal(b, chosen);
    }

    [Fact]
    public async Task Ties_go_to_the_lowest_address_whatever_the_map_order()
    {
        var (a, b) = (Region(1), Region(2));
        var strategy = new LeastShardAllocationStrategy(10, 0.1);

        Assert.Equal(a, await strategy.AllocateShard(b, "x", Allocations((b, []), (a, []))));
        Assert.Equal(a, await strategy.AllocateShard(b, "x", Allocations((a, []), (b, []))));
    }

    [Fact]
    public async Task Rebalance_moves_the_surplus_above_the_even_share()
    {
        var (a, b) = (Region(1), Region(2));
        var strategy = new LeastShardAllocationStrategy(10, 1.0);

        var moves = await strategy.Rebalance(Allocations((a, ["1", "2", "3", "4"]), (b, [])), NoneInProgress);

        Assert.Equal(2, moves.Count);
        Assert.Subset(new HashSet<string> { "1", "2", "3", "4" }, moves.ToHashSet());
    }

    [Fact]
    public async Task Rebalance_is_limited_by_the_absolute_and_relative_limits()
    {
        var (a, b) = (Region(1), Region(2));
        var shards = Enumerable.Range(0, 100).Select(i => i.ToString()).ToArray();

        Assert.Equal(5, (await new LeastShardAllocationStrategy(5, 1.0).Rebalance(Allocations((a, shards), (b, [])), NoneInProgress)).Count);
        Assert.Equal(10, (await new LeastShardAllocationStrategy(50, 0.1).Rebalance(Allocations((a, shards), (b, [])), NoneInProgress)).Count);
        Assert.Single(await new LeastShardAllocationStrategy(50, 0.0).Rebalance(Allocations((a, shards), (b, [])), NoneInProgress));
    }

    [Fact]
    public async Task A_balanced_cluster_and_a_cluster_with_a_rebalance_in_progress_move_nothing()
    {
        var (a, b, c) = (Region(1), Region(2), Region(3));
        var strategy = new LeastShardAllocationStrategy(10, 1.0);

        Assert.Empty(await strategy.Rebalance(Allocations((a, ["1", "2"]), (b, ["3"]), (c, ["4", "5"])), NoneInProgress));
        Assert.Empty(await strategy.Rebalance(Allocations((a, ["1", "2", "3", "4"]), (b, [])), new HashSet<string> { "9" }));
    }

    [Fact]
    public async Task A_region_below_the_floor_gets_one_from_a_region_at_the_ceiling()
    {
        var (a, b, c) = (Region(1), Region(2), Region(3));
        var strategy = new LeastShardAllocationStrategy(10, 1.0);

        var moves = await strategy.Rebalance(Allocations((a, ["1", "2"]), (b, ["3", "4"]), (c, [])), NoneInProgress);

        Assert.Single(moves);
    }

    internal static IActorRef Region(int port) => new FakeRef(ActorPath.Parse($"abroker.tcp://sys@127.0.0.1:{port}/system/sharding/type"));

    internal static Dictionary<IActorRef, IReadOnlyList<string>> Allocations(params (IActorRef Region, string[] Shards)[] regions) =>
        regions.ToDictionary(r => r.Region, r => (IReadOnlyList<string>)r.Shards);

    private sealed class FakeRef(ActorPath path) : IActorRef
    {
        public ActorPath Path { get; } = path;

        public void Tell(object message, IActorRef? sender)
        {
        }

        public bool Equals(IActorRef? other) => other is not null && Path.Equals(other.Path);

        public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

        public override int GetHashCode() => Path.GetHashCode();
    }
}
