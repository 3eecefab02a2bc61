using ActorBroker.Broker.Tests.Partitions;
using ActorBroker.Tls;

namespace ActorBroker.Cli.Tests.Tls;

public sealed class RefusalLogLimitTests
{
    [Fact]
    public void Refusals_beyond_the_minutes_quota_are_counted_and_reported_with_the_next_minutes_first()
    {
        var clock = new ManualClock(0);
        var limit = new RefusalLogLimit(clock);

        var first = Enumerable.Range(0, RefusalLogLimit.PerMinute + 5).Select(_ => limit.Admit()).ToList();
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = limit.Admit();

        Assert.Equal(RefusalLogLimit.PerMinute, first.Count(a => a.Log));
        Assert.All(first, a => Assert.Equal(0, a.SuppressedBefore));
        Assert.Equal((true, 5), next);
    }
}
