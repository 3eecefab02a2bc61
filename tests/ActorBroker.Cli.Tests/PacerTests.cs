using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public class PacerTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Without_a_cap_every_record_may_go_at_once()
    {
        var pacer = new Pacer(-1);
        Assert.True(pacer.MaySend(1_000_000, TimeSpan.Zero));
    }

    [Fact]
    public void With_a_cap_records_go_at_that_rate_from_the_start()
    {
        var pacer = new Pacer(1000);
        Assert.True(pacer.MaySend(0, TimeSpan.Zero));
        Assert.False(pacer.MaySend(1, Ms(0.5)));
        Assert.True(pacer.MaySend(1, Ms(1)));
        Assert.False(pacer.MaySend(101, Ms(100)));
        Assert.True(pacer.MaySend(100, Ms(100)));
    }

    [Fact]
    public void Time_before_a_restart_is_not_made_up_by_a_burst()
    {
        var pacer = new Pacer(1000);
        // The first record took 300 ms (metadata, connections); the clock-based cap would now allow 300 records at once.
        pacer.Start(Ms(300), sent: 1);
        Assert.True(pacer.MaySend(1, Ms(300)));
        Assert.False(pacer.MaySend(2, Ms(300.5)));
        Assert.True(pacer.MaySend(2, Ms(301)));
        Assert.False(pacer.MaySend(102, Ms(400)));
        Assert.True(pacer.MaySend(101, Ms(400)));
    }
}
