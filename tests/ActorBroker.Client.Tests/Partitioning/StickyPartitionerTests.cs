using ActorBroker.Client.Partitioning;

namespace ActorBroker.Client.Tests.Partitioning;

public sealed class StickyPartitionerTests
{
    [Fact]
    public void The_partition_stays_until_its_batch_closes_then_moves_to_another()
    {
        var sticky = new StickyPartitioner(new Random(7));
        var first = sticky.Next(4, _ => true);
        for (var i = 0; i < 10; i++) Assert.Equal(first, sticky.Next(4, _ => true));

        sticky.OnBatchClosed((first + 1) % 4); // another partition's batch: no move
        Assert.Equal(first, sticky.Next(4, _ => true));

        var moved = sticky.MoveFrom(first, 4, _ => true);
        Assert.NotEqual(first, moved);
        Assert.Equal(moved, sticky.Next(4, _ => true));
    }

    [Fact]
    public void Partitions_with_a_leader_are_preferred()
    {
        var sticky = new StickyPartitioner(new Random(1));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(2, sticky.Next(4, p => p == 2));
            sticky.OnBatchClosed(2);
        }
    }

    [Fact]
    public void With_no_other_partition_available_it_still_moves_off_the_full_one()
    {
        var sticky = new StickyPartitioner(new Random(3));
        for (var i = 0; i < 50; i++) Assert.NotEqual(1, sticky.MoveFrom(1, 3, p => p == 1));
        Assert.Equal(0, sticky.MoveFrom(0, 1, _ => true));
    }
}
