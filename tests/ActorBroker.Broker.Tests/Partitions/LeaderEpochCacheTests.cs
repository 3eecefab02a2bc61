using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Tests.Partitions;

public sealed class LeaderEpochCacheTests
{
    /// <summary>Epochs 0 from offset 0, 2 from 50 and 5 from 80.</summary>
    private static LeaderEpochCache ThreeEpochs()
    {
        var cache = new LeaderEpochCache();
        cache.Assign(0, 0);
        cache.Assign(2, 50);
        cache.Assign(5, 80);
        return cache;
    }

    [Fact]
    public void An_epoch_starts_at_its_first_batch_and_later_batches_of_it_or_older_epochs_change_nothing()
    {
        var cache = new LeaderEpochCache();
        Assert.Equal(-1, cache.LatestEpoch);

        cache.Assign(-1, 0); // written before epochs existed
        cache.Assign(1, 10);
        cache.Assign(1, 20);
        cache.Assign(0, 30);
        cache.Assign(3, 40);

        Assert.Equal([new EpochEntry(1, 10), new EpochEntry(3, 40)], cache.Entries);
        Assert.Equal(3, cache.LatestEpoch);
    }

    [Fact]
    public void A_newer_epoch_cannot_start_before_the_latest_one_and_replaces_one_that_wrote_nothing()
    {
        var cache = new LeaderEpochCache();
        cache.Assign(1, 10);
        cache.Assign(2, 20);

        Assert.Throws<InvalidOperationException>(() => cache.Assign(3, 19));
        cache.Assign(3, 20);
        Assert.Equal([new EpochEntry(1, 10), new EpochEntry(3, 20)], cache.Entries);
    }

    [Fact]
    public void The_latest_epoch_and_any_newer_one_end_at_the_log_end_offset()
    {
        var cache = ThreeEpochs();

        Assert.Equal((5, 97L), cache.EndOffsetFor(5, 97));
        Assert.Equal((5, 97L), cache.EndOffsetFor(7, 97));
    }

    [Fact]
    public void An_older_epoch_ends_where_the_next_known_epoch_starts()
    {
        var cache = ThreeEpochs();

        Assert.Equal((0, 50L), cache.EndOffsetFor(0, 97));
        Assert.Equal((2, 80L), cache.EndOffsetFor(2, 97));
    }

    [Fact]
    public void An_epoch_this_log_never_had_is_answered_with_the_largest_epoch_below_it()
    {
        var cache = ThreeEpochs();

        Assert.Equal((0, 50L), cache.EndOffsetFor(1, 97));
        Assert.Equal((2, 80L), cache.EndOffsetFor(4, 97));
    }

    [Fact]
    public void An_epoch_below_the_first_known_one_or_an_empty_cache_has_no_end_offset()
    {
        var cache = new LeaderEpochCache();
        Assert.Equal((-1, -1L), cache.EndOffsetFor(0, 10));
        Assert.Equal((-1, -1L), cache.EndOffsetFor(-1, 10));

        cache.Assign(3, 10);
        Assert.Equal((-1, -1L), cache.EndOffsetFor(2, 20));
        Assert.Equal((-1, -1L), cache.EndOffsetFor(-1, 20));
    }

    [Fact]
    public void Truncating_from_the_end_drops_the_epochs_that_start_at_or_after_the_new_end()
    {
        var cache = ThreeEpochs();

        cache.TruncateFromEnd(81);
        Assert.Equal(3, cache.Entries.Count);
        cache.TruncateFromEnd(80);
        Assert.Equal([new EpochEntry(0, 0), new EpochEntry(2, 50)], cache.Entries);
        Assert.Equal((2, 70L), cache.EndOffsetFor(5, 70));
        cache.TruncateFromEnd(0);
        Assert.Empty(cache.Entries);
        Assert.Equal(-1, cache.LatestEpoch);
    }

    [Fact]
    public void Truncating_from_the_start_drops_the_epochs_that_ended_and_moves_the_start_of_the_one_covering_it()
    {
        var cache = ThreeEpochs();

        cache.TruncateFromStart(49);
        Assert.Equal([new EpochEntry(0, 49), new EpochEntry(2, 50), new EpochEntry(5, 80)], cache.Entries);
        cache.TruncateFromStart(50);
        Assert.Equal([new EpochEntry(2, 50), new EpochEntry(5, 80)], cache.Entries);
        cache.TruncateFromStart(60);
        Assert.Equal([new EpochEntry(2, 60), new EpochEntry(5, 80)], cache.Entries);
        cache.TruncateFromStart(200); // every batch is gone: the latest epoch goes on from the new start
        Assert.Equal([new EpochEntry(5, 200)], cache.Entries);
        Assert.Equal((-1, -1L), cache.EndOffsetFor(2, 200));
    }
}
