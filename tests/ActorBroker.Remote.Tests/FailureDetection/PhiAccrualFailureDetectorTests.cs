using ActorBroker.Remote.FailureDetection;

namespace ActorBroker.Remote.Tests.FailureDetection;

public sealed class PhiAccrualFailureDetectorTests
{
    private readonly FakeClock _clock = new();

    private PhiAccrualFailureDetector Detector(
        double threshold = 8.0,
        int maxSampleSize = 1000,
        int minStdDeviationMs = 100,
        int acceptablePauseMs = 0,
        int firstEstimateMs = 1000) =>
        new(threshold, maxSampleSize, TimeSpan.FromMilliseconds(minStdDeviationMs), TimeSpan.FromMilliseconds(acceptablePauseMs),
            TimeSpan.FromMilliseconds(firstEstimateMs), _clock.Millis);

    private void BeatEvery(PhiAccrualFailureDetector detector, int count, long intervalMs)
    {
        for (var i = 0; i < count; i++)
        {
            detector.HeartBeat();
            _clock.Advance(intervalMs);
        }
    }

    [Fact]
    public void Before_the_first_heartbeat_the_node_is_available_with_phi_zero_and_not_monitored()
    {
        var detector = Detector();
        _clock.Advance(60_000);
        Assert.False(detector.IsMonitoring);
        Assert.True(detector.IsAvailable);
        Assert.Equal(0.0, detector.Phi);
    }

    [Fact]
    public void The_first_heartbeat_starts_monitoring_and_seeds_the_estimate()
    {
        var detector = Detector(firstEstimateMs: 1000);
        detector.HeartBeat();
        Assert.True(detector.IsMonitoring);
        Assert.Equal(1000.0, detector.History.Mean, 6);
        Assert.Equal(250.0, detector.History.StdDeviation, 6);
    }

    [Fact]
    public void Phi_rises_with_the_time_since_the_last_heartbeat()
    {
        var detector = Detector();
        BeatEvery(detector, 10, 1000);
        detector.HeartBeat();

        var phis = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            _clock.Advance(500);
            phis.Add(detector.Phi);
        }

        Assert.Equal(phis.Order(), phis);
        Assert.Equal(phis.Count, phis.Distinct().Count());
    }

    [Fact]
    public void Phi_at_exactly_the_expected_arrival_is_minus_log10_of_one_half()
    {
        Assert.Equal(-Math.Log10(0.5), PhiAccrualFailureDetector.PhiOf(1000, 1000, 100), 6);
    }

    [Fact]
    public void A_node_that_heartbeats_regularly_stays_available()
    {
        var detector = Detector();
        for (var i = 0; i < 100; i++)
        {
            detector.HeartBeat();
            _clock.Advance(1000);
            Assert.True(detector.IsAvailable, $"suspected at heartbeat {i} with phi {detector.Phi}");
        }
    }

    [Fact]
    public void A_gap_far_beyond_the_acceptable_pause_makes_the_node_unavailable()
    {
        var detector = Detector(acceptablePauseMs: 3000);
        BeatEvery(detector, 20, 1000);
        detector.HeartBeat();

        _clock.Advance(1000 + 3000 + 2000);

        Assert.False(detector.IsAvailable);
        Assert.True(detector.Phi >= 8.0);
    }

    [Fact]
    public void The_acceptable_pause_delays_suspicion()
    {
        var strict = Detector(acceptablePauseMs: 0);
        var tolerant = Detector(acceptablePauseMs: 3000);
        for (var i = 0; i < 20; i++)
        {
            strict.HeartBeat();
            tolerant.HeartBeat();
            _clock.Advance(1000);
        }

        strict.HeartBeat();
        tolerant.HeartBeat();
        _clock.Advance(3000);

        Assert.False(strict.IsAvailable);
        Assert.True(tolerant.IsAvailable);
        Assert.True(tolerant.Phi < strict.Phi);
    }

    [Fact]
    public void The_history_keeps_only_the_latest_max_sample_size_intervals()
    {
        var detector = Detector(maxSampleSize: 3);
        detector.HeartBeat();
        foreach (var interval in new long[] { 1000, 1100, 900, 1000, 1050 })
        {
            _clock.Advance(interval);
            detector.HeartBeat();
        }

        Assert.Equal(3, detector.History.Count);
        Assert.Equal([900L, 1000L, 1050L], detector.History.Intervals);
    }

    [Fact]
    public void A_heartbeat_after_a_suspected_failure_is_not_learned_as_a_normal_interval()
    {
        var detector = Detector();
        BeatEvery(detector, 10, 1000);
        detector.HeartBeat();
        var before = detector.History.Intervals.ToList();

        _clock.Advance(60_000);
        Assert.False(detector.IsAvailable);
        detector.HeartBeat();

        Assert.Equal(before, detector.History.Intervals);
        Assert.True(detector.IsAvailable);
    }

    [Fact]
    public void The_clock_defaults_to_the_tick_count()
    {
        var detector = new PhiAccrualFailureDetector(8, 10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1));
        detector.HeartBeat();
        Assert.True(detector.IsMonitoring);
        Assert.True(detector.IsAvailable);
    }

    [Theory]
    [InlineData(0.0, 10, 100, 0, 1000, "threshold")]
    [InlineData(double.NaN, 10, 100, 0, 1000, "threshold")]
    [InlineData(8.0, 0, 100, 0, 1000, "maxSampleSize")]
    [InlineData(8.0, 10, 0, 0, 1000, "minStdDeviation")]
    [InlineData(8.0, 10, 100, -1, 1000, "acceptableHeartbeatPause")]
    [InlineData(8.0, 10, 100, 0, 0, "firstHeartbeatEstimate")]
    public void Invalid_arguments_are_rejected_with_the_parameter_named(
        double threshold, int maxSampleSize, int minStdMs, int pauseMs, int firstMs, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Detector(threshold, maxSampleSize, minStdMs, pauseMs, firstMs));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("must be", e.Message);
    }

    [Fact]
    public void Concurrent_heartbeats_lose_no_update()
    {
        var detector = Detector(maxSampleSize: 100_000);
        detector.HeartBeat();
        Parallel.For(0, 1000, _ => detector.HeartBeat());

        // Seeded pair plus one interval per heartbeat after the first.
        Assert.Equal(2 + 1000, detector.History.Count);
    }
}
