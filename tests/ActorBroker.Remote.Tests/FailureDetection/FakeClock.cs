namespace ActorBroker.Remote.Tests.FailureDetection;

/// <summary>A millisecond clock that moves only when a test says so.</summary>
internal sealed class FakeClock
{
    public long Now { get; private set; } = 1_000_000;

    public Func<long> Millis => () => Now;

    public void Advance(long millis) => Now += millis;
}
