namespace ActorBroker.Cluster.Tests.Membership;

public sealed class VectorClockTests
{
    [Fact]
    public void Empty_clocks_are_the_same()
    {
        Assert.Equal(VectorClockOrdering.Same, VectorClock.Empty.Compare(VectorClock.Empty));
        Assert.True(VectorClock.Empty.IsSameAs(VectorClock.Empty));
    }

    [Fact]
    public void An_increment_comes_after_what_it_incremented()
    {
        var a = VectorClock.Empty.Increment("a");
        var ab = a.Increment("b");
        Assert.True(ab.IsAfter(a));
        Assert.True(a.IsBefore(ab));
        Assert.True(VectorClock.Empty.IsBefore(a));
        Assert.Equal(1, ab.Versions["a"]);
        Assert.Equal(1, ab.Versions["b"]);
    }

    [Fact]
    public void Changes_on_two_nodes_from_the_same_clock_are_concurrent()
    {
        var start = VectorClock.Empty.Increment("a");
        var left = start.Increment("a");
        var right = start.Increment("b");
        Assert.True(left.IsConcurrentWith(right));
        Assert.True(right.IsConcurrentWith(left));
    }

    [Fact]
    public void A_merge_is_after_or_the_same_as_both_sides()
    {
        var start = VectorClock.Empty.Increment("a");
        var left = start.Increment("a").Increment("a");
        var right = start.Increment("b");
        var merged = left.Merge(right);
        Assert.True(merged.IsAfter(left));
        Assert.True(merged.IsAfter(right));
        Assert.Equal(3, merged.Versions["a"]);
        Assert.Equal(1, merged.Versions["b"]);
    }

    [Fact]
    public void Pruning_forgets_a_node()
    {
        var clock = VectorClock.Empty.Increment("a").Increment("b");
        var pruned = clock.Prune("a");
        Assert.False(pruned.Versions.ContainsKey("a"));
        Assert.True(pruned.IsBefore(clock));
        Assert.Same(pruned, pruned.Prune("a"));
    }

    [Fact]
    public void Ordering_and_merge_laws_hold_for_random_clocks()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 500; i++)
        {
            var a = RandomClock(random);
            var b = RandomClock(random);
            var c = RandomClock(random);

            Assert.Equal(Mirror(a.Compare(b)), b.Compare(a));
            Assert.True(a.IsSameAs(a));
            Assert.True(a.Merge(b).IsSameAs(b.Merge(a)));
            Assert.True(a.Merge(a).IsSameAs(a));
            Assert.True(a.Merge(b).Merge(c).IsSameAs(a.Merge(b.Merge(c))));
            Assert.DoesNotContain(a.Merge(b).Compare(a), new[] { VectorClockOrdering.Before, VectorClockOrdering.Concurrent });
            if (a.IsBefore(b) && b.IsBefore(c)) Assert.True(a.IsBefore(c));
        }
    }

    private static VectorClockOrdering Mirror(VectorClockOrdering ordering) => ordering switch
    {
        VectorClockOrdering.Before => VectorClockOrdering.After,
        VectorClockOrdering.After => VectorClockOrdering.Before,
        _ => ordering,
    };

    private static VectorClock RandomClock(Random random)
    {
        var clock = VectorClock.Empty;
        var increments = random.Next(0, 6);
        for (var i = 0; i < increments; i++) clock = clock.Increment(((char)('a' + random.Next(3))).ToString());
        return clock;
    }
}
