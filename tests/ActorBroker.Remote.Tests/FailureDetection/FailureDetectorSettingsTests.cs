using ActorBroker.Actors;
using ActorBroker.Hocon;
using ActorBroker.Remote.FailureDetection;

namespace ActorBroker.Remote.Tests.FailureDetection;

public sealed class FailureDetectorSettingsTests
{
    private const string Valid = """
        threshold = 8.0
        max-sample-size = 1000
        min-std-deviation = 100ms
        acceptable-heartbeat-pause = 3s
        heartbeat-interval = 1s
        expected-response-after = 1s
        """;

    [Fact]
    public void The_cluster_section_of_the_reference_configuration_is_read()
    {
        var section = ReferenceConfig.Load().GetConfig("actorbroker.cluster.failure-detector");
        var settings = FailureDetectorSettings.FromConfig(section);
        Assert.Equal(new FailureDetectorSettings(8.0, 1000, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), settings);
    }

    [Fact]
    public void The_remote_watch_section_of_the_reference_configuration_is_read()
    {
        var section = ReferenceConfig.Load().GetConfig("actorbroker.remote.watch-failure-detector");
        var settings = FailureDetectorSettings.FromConfig(section);
        Assert.Equal(10.0, settings.Threshold);
        Assert.Equal(200, settings.MaxSampleSize);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.AcceptableHeartbeatPause);
    }

    [Theory]
    [InlineData("threshold = 0")]
    [InlineData("max-sample-size = 0")]
    [InlineData("min-std-deviation = 0s")]
    [InlineData("acceptable-heartbeat-pause = -1s")]
    [InlineData("heartbeat-interval = 0s")]
    [InlineData("expected-response-after = 0s")]
    public void An_out_of_range_value_is_rejected_naming_its_full_path(string bad)
    {
        var key = bad[..bad.IndexOf(' ', StringComparison.Ordinal)];
        var section = ConfigurationFactory.ParseString(bad).WithFallback(ConfigurationFactory.ParseString(Valid));

        var e = Assert.Throws<ConfigException>(() => FailureDetectorSettings.FromConfig(section, "actorbroker.cluster.failure-detector"));

        Assert.Equal($"actorbroker.cluster.failure-detector.{key}", e.Path);
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void A_missing_key_is_reported()
    {
        var section = ConfigurationFactory.ParseString("threshold = 8.0");
        var e = Assert.Throws<ConfigException>(() => FailureDetectorSettings.FromConfig(section));
        Assert.Contains("max-sample-size", e.Message);
    }

    [Fact]
    public void The_detector_uses_the_heartbeat_interval_as_its_first_estimate()
    {
        var clock = new FakeClock();
        var settings = FailureDetectorSettings.FromConfig(ConfigurationFactory.ParseString(Valid.Replace("heartbeat-interval = 1s", "heartbeat-interval = 2s", StringComparison.Ordinal)));
        var detector = settings.CreateDetector(clock.Millis);

        detector.HeartBeat();

        Assert.Equal(2000.0, detector.History.Mean, 6);
        Assert.Equal(500.0, detector.History.StdDeviation, 6);
    }

    [Fact]
    public void The_parameterless_factory_fits_a_registry()
    {
        var settings = FailureDetectorSettings.FromConfig(ConfigurationFactory.ParseString(Valid));
        var registry = new FailureDetectorRegistry<string>(settings.CreateDetector);
        registry.HeartBeat("a");
        Assert.True(registry.IsMonitoring("a"));
    }
}
