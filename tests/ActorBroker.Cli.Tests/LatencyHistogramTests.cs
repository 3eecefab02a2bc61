using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Small_values_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 50; i++) histogram.Record(i);
        Assert.Equal(25, histogram.Percentile(50));
        Assert.Equal(50, histogram.Percentile(99.9));
        Assert.Equal(50, histogram.Max);
        Assert.Equal(25.5, histogram.Average);
    }

    [Fact]
    public void Large_values_stay_within_two_percent()
    {
        var histogram = new LatencyHistogram();
        for (long i = 1; i <= 1_000_000; i++) histogram.Record(i * 7);
        AssertClose(3_500_000, histogram.Percentile(50));
        AssertClose(6_930_000, histogram.Percentile(99));
        AssertClose(6_993_000, histogram.Percentile(99.9));
        Assert.Equal(7_000_000, histogram.Percentile(100));
    }

    [Fact]
    public void Empty_histogram_reports_zeros()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal((0L, 0L, 0.0), (histogram.Percentile(99), histogram.Max, histogram.Average));
    }

    private static void AssertClose(long expected, long actual) =>
        Assert.True(Math.Abs(actual - expected) <= expected * 0.02, $"expected about {expected}, got {actual}");
}
