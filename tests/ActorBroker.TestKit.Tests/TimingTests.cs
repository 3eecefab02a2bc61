using System.Diagnostics;
using ActorBroker.Actors;
using Xunit.Sdk;

namespace ActorBroker.TestKit.Tests;

public sealed class TimingTests() : TestKit("actorbroker.test.single-expect-default = 10s")
{
    [Fact]
    public void Within_passes_when_the_block_is_fast_enough()
    {
        TestActor.Tell("quick");
        Within(TimeSpan.FromSeconds(3), () => ExpectMsg("quick"));
    }

    [Fact]
    public void Within_fails_when_the_block_is_too_slow()
    {
        var e = Assert.ThrowsAny<XunitException>(() =>
            Within(TimeSpan.FromMilliseconds(100), () => ExpectNoMsg(TimeSpan.FromMilliseconds(300))));
        Assert.Contains("more than the maximum", e.Message);
    }

    [Fact]
    public void Within_fails_when_the_block_is_faster_than_the_minimum()
    {
        var e = Assert.ThrowsAny<XunitException>(() =>
            Within(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), () => { }));
        Assert.Contains("before the minimum", e.Message);
    }

    [Fact]
    public void ExpectMsg_inside_Within_shares_its_budget()
    {
        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<XunitException>(() => Within(TimeSpan.FromMilliseconds(300), () => ExpectMsg<string>()));
        Assert.Contains("Timeout", e.Message);
        // The default wait here is 10 s: failing well before that shows the Within budget was used.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Consecutive_expects_inside_Within_share_one_budget()
    {
        var watch = Stopwatch.StartNew();
        TestActor.Tell("first");
        Assert.ThrowsAny<XunitException>(() => Within(TimeSpan.FromMilliseconds(400), () =>
        {
            ExpectMsg("first");
            ExpectMsg<string>();
        }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Equal(TimeSpan.FromSeconds(10), RemainingOrDefault); // the budget ends with the block
    }

    [Fact]
    public void A_nested_Within_cannot_outlast_the_outer_one()
    {
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<XunitException>(() =>
            Within(TimeSpan.FromMilliseconds(300), () => Within(TimeSpan.FromSeconds(8), () => ExpectMsg<string>())));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4), $"took {watch.Elapsed}");
    }

    [Fact]
    public void AwaitCondition_returns_once_the_condition_holds()
    {
        var flag = 0;
        Sys.Scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(50), () => Volatile.Write(ref flag, 1));
        AwaitCondition(() => Volatile.Read(ref flag) == 1, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void AwaitCondition_fails_with_the_given_message()
    {
        var e = Assert.ThrowsAny<XunitException>(() => AwaitCondition(() => false, TimeSpan.FromMilliseconds(100), message: "never true"));
        Assert.Contains("never true", e.Message);
    }

    [Fact]
    public void AwaitAssert_retries_until_the_assertion_passes()
    {
        var attempts = 0;
        AwaitAssert(() => Assert.True(++attempts >= 3), TimeSpan.FromSeconds(3));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_after_the_deadline()
    {
        var e = Assert.ThrowsAny<XunitException>(() => AwaitAssert(() => Assert.Equal(1, 2), TimeSpan.FromMilliseconds(100)));
        Assert.Contains("Values differ", e.Message);
    }

    [Fact]
    public async Task AwaitAssertAsync_and_AwaitConditionAsync_work_like_their_blocking_forms()
    {
        var attempts = 0;
        await AwaitAssertAsync(() =>
        {
            Assert.True(++attempts >= 2);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<XunitException>(() => AwaitConditionAsync(() => false, TimeSpan.FromMilliseconds(100)));
    }
}

public sealed class TimeDilationTests() : TestKit("actorbroker.test.timefactor = 2")
{
    [Fact]
    public void A_time_factor_of_two_doubles_Dilated()
    {
        Assert.Equal(2.0, TestKitSettings.TimeFactor);
        Assert.Equal(TimeSpan.FromSeconds(2), Dilated(TimeSpan.FromSeconds(1)));
        Assert.Equal(Timeout.InfiniteTimeSpan, Dilated(Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Expect_timeouts_are_dilated()
    {
        var e = Assert.ThrowsAny<XunitException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(100)));
        Assert.Contains("Timeout (200 ms)", e.Message);
    }

    [Fact]
    public void EventFilter_dilates_its_timeout_once()
    {
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<XunitException>(() =>
            EventFilter.Exception<InvalidOperationException>(this).Expect(1, () => { }, TimeSpan.FromSeconds(1)));
        // Dilated once the wait is 2 s; dilated twice it would be 4 s.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3.5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void The_default_expect_timeout_is_dilated()
    {
        Assert.Equal(TimeSpan.FromSeconds(6), RemainingOrDefault);
    }
}
