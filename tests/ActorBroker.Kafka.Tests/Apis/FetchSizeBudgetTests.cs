using ActorBroker.Kafka.Apis;
using ActorBroker.Protocol.Records;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Apis;

public class FetchSizeBudgetTests
{
    private static readonly RecordBatch Small = Batch("a");
    private static readonly RecordBatch Large = Batch(new string('x', 1000));

    [Fact]
    public void Batches_that_fit_both_limits_are_returned_as_given()
    {
        var batches = new[] { Small, Small };
        var budget = new FetchSizeBudget(responseMaxBytes: 10_000);
        Assert.Same(batches, budget.Take(batches, partitionMaxBytes: 10_000));
    }

    [Fact]
    public void The_first_batch_of_the_response_is_returned_even_above_both_limits()
    {
        var budget = new FetchSizeBudget(responseMaxBytes: 100);
        var taken = budget.Take([Large, Small], partitionMaxBytes: 100);
        Assert.Equal([Large], taken);
    }

    [Fact]
    public void A_later_partitions_batch_above_what_is_left_is_not_returned()
    {
        var budget = new FetchSizeBudget(responseMaxBytes: Small.SizeInBytes + Large.SizeInBytes - 1);
        Assert.Equal([Small], budget.Take([Small], partitionMaxBytes: 10_000));
        Assert.Empty(budget.Take([Large], partitionMaxBytes: 10_000));
    }

    [Fact]
    public void A_partition_stops_at_its_first_batch_over_partition_max_bytes_leaving_no_gap()
    {
        var budget = new FetchSizeBudget(responseMaxBytes: 100_000);
        var taken = budget.Take([Small, Large, Small], partitionMaxBytes: Small.SizeInBytes * 2 + 10);
        Assert.Equal([Small], taken);
    }

    [Fact]
    public void The_always_returned_first_batch_is_the_first_of_the_response_not_of_each_partition()
    {
        var budget = new FetchSizeBudget(responseMaxBytes: 10_000);
        Assert.Equal([Small], budget.Take([Small], partitionMaxBytes: 10_000));
        Assert.Empty(budget.Take([Large], partitionMaxBytes: 100));
    }
}
