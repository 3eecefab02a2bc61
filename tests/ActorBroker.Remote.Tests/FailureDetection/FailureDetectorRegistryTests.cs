using ActorBroker.Remote.FailureDetection;

namespace ActorBroker.Remote.Tests.FailureDetection;

public sealed class FailureDetectorRegistryTests
{
    private readonly FakeClock _clock = new();
    private readonly FailureDetectorRegistry<string> _registry;
    private int _created;

    public FailureDetectorRegistryTests()
    {
        _registry = new FailureDetectorRegistry<string>(() =>
        {
            _created++;
            return new PhiAccrualFailureDetector(8, 100, TimeSpan.FromMilliseconds(100), TimeSpan.Zero, TimeSpan.FromSeconds(1), _clock.Millis);
        });
    }

    private void BeatBothEverySecond(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _registry.HeartBeat("a");
            _registry.HeartBeat("b");
            _clock.Advance(1000);
        }
    }

    [Fact]
    public void An_unknown_resource_is_available_and_not_monitored()
    {
        Assert.True(_registry.IsAvailable("nobody"));
        Assert.False(_registry.IsMonitoring("nobody"));
        Assert.Equal(0.0, _registry.Phi("nobody"));
        Assert.Equal(0, _created);
    }

    [Fact]
    public void The_first_heartbeat_creates_one_detector_per_resource()
    {
        BeatBothEverySecond(5);
        Assert.True(_registry.IsMonitoring("a"));
        Assert.True(_registry.IsMonitoring("b"));
        Assert.Equal(2, _created);
    }

    [Fact]
    public void Resources_are_judged_independently()
    {
        BeatBothEverySecond(10);
        for (var i = 0; i < 5; i++)
        {
            _registry.HeartBeat("a");
            _clock.Advance(1000);
        }

        Assert.True(_registry.IsAvailable("a"));
        Assert.False(_registry.IsAvailable("b"));
        Assert.True(_registry.Phi("b") > _registry.Phi("a"));
    }

    [Fact]
    public void A_removed_resource_is_forgotten_and_starts_afresh()
    {
        BeatBothEverySecond(10);
        _clock.Advance(10_000);
        Assert.False(_registry.IsAvailable("a"));

        _registry.Remove("a");

        Assert.True(_registry.IsAvailable("a"));
        Assert.False(_registry.IsMonitoring("a"));
        Assert.True(_registry.IsMonitoring("b"));
        _registry.HeartBeat("a");
        Assert.True(_registry.IsAvailable("a"));
        Assert.Equal(3, _created);
    }

    [Fact]
    public void Reset_forgets_every_resource()
    {
        BeatBothEverySecond(3);
        _registry.Reset();
        Assert.False(_registry.IsMonitoring("a"));
        Assert.False(_registry.IsMonitoring("b"));
    }
}
