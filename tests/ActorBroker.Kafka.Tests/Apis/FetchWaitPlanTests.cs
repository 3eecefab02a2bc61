using ActorBroker.Kafka.Apis;

namespace ActorBroker.Kafka.Tests.Apis;

public class FetchWaitPlanTests
{
    [Fact]
    public void A_fetch_whose_partitions_together_reach_min_bytes_is_answered_at_once()
    {
        var plan = new FetchWaitPlan(partitions: 2, maxWaitMs: 500, minBytes: 100);
        plan.Record(0, 60, failed: false);
        Assert.False(plan.Satisfied);
        plan.Record(1, 40, failed: false);
        Assert.True(plan.Satisfied);
    }

    [Fact]
    public void A_fetch_with_no_wait_is_answered_at_once_even_when_empty()
    {
        var plan = new FetchWaitPlan(partitions: 1, maxWaitMs: 0, minBytes: 1);
        plan.Record(0, 0, failed: false);
        Assert.True(plan.Satisfied);
    }

    [Fact]
    public void A_failed_partition_answers_the_fetch_at_once_and_is_not_asked_to_wait()
    {
        var plan = new FetchWaitPlan(partitions: 2, maxWaitMs: 500, minBytes: 1);
        plan.Record(0, 0, failed: false);
        plan.Record(1, 0, failed: true);
        Assert.True(plan.Satisfied);
        Assert.True(plan.WaitsOn(0));
        Assert.False(plan.WaitsOn(1));
    }

    [Fact]
    public void A_later_answer_replaces_a_partitions_bytes_instead_of_adding_to_them()
    {
        var plan = new FetchWaitPlan(partitions: 2, maxWaitMs: 500, minBytes: 100);
        plan.Record(0, 60, failed: false);
        plan.Record(0, 70, failed: false); // the long poll saw the same 60 bytes and 10 more
        Assert.False(plan.Satisfied);
        plan.Record(1, 30, failed: false);
        Assert.True(plan.Satisfied);
    }

    [Fact]
    public void A_waiting_ask_wants_one_byte_more_than_the_partition_gave_so_it_parks_until_the_log_grows()
    {
        var plan = new FetchWaitPlan(partitions: 2, maxWaitMs: 500, minBytes: 1000);
        plan.Record(0, 0, failed: false);
        plan.Record(1, 250, failed: false);
        Assert.Equal(1, plan.MinBytesToWaitFor(0));
        Assert.Equal(251, plan.MinBytesToWaitFor(1));
    }

    [Fact]
    public void Min_bytes_of_zero_needs_no_data()
    {
        var plan = new FetchWaitPlan(partitions: 1, maxWaitMs: 500, minBytes: 0);
        Assert.True(plan.Satisfied);
    }
}
