using ActorBroker.Hocon;

namespace ActorBroker.TestKit;

/// <summary>The <c>actorbroker.test</c> settings: time dilation and default timeouts.</summary>
public sealed class TestKitSettings(Config config)
{
    /// <summary>Multiplies every timeout; raise it on slow machines (actorbroker.test.timefactor).</summary>
    public double TimeFactor { get; } = config.GetDouble("actorbroker.test.timefactor", 1.0);

    public TimeSpan SingleExpectDefault { get; } = config.GetTimeSpan("actorbroker.test.single-expect-default", TimeSpan.FromSeconds(3));

    public TimeSpan ExpectNoMessageDefault { get; } = config.GetTimeSpan("actorbroker.test.expect-no-message-default", TimeSpan.FromMilliseconds(100));
}
