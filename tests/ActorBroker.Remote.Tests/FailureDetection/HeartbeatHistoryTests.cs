using ActorBroker.Remote.FailureDetection;

namespace ActorBroker.Remote.Tests.FailureDetection;

public sealed class HeartbeatHistoryTests
{
    [Fact]
    public void Mean_and_deviation_follow_the_samples_in_the_window()
    {
        var history = HeartbeatHistory.Create(4).Add(2).Add(4).Add(4).Add(4).Add(5).Add(5).Add(7).Add(9);

        // The window holds 5, 5, 7, 9.
        Assert.Equal(4, history.Count);
        Assert.Equal(6.5, history.Mean, 9);
        Assert.Equal(Math.Sqrt(2.75), history.StdDeviation, 9);
    }

    [Fact]
    public void Adding_returns_a_new_history_and_leaves_the_old_one_alone()
    {
        var empty = HeartbeatHistory.Create(2);
        var one = empty.Add(10);
        Assert.Equal(0, empty.Count);
        Assert.Equal(0.0, empty.Mean);
        Assert.Equal(1, one.Count);
        Assert.Equal(0.0, one.Variance);
    }

    [Fact]
    public void A_window_smaller_than_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HeartbeatHistory.Create(0));
    }
}
