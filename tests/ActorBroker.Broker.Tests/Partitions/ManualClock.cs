namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>A clock that moves only when the test says, for retention by time.</summary>
internal sealed class ManualClock(long startMs) : TimeProvider
{
    private long _nowMs = startMs;

    public long NowMs => Interlocked.Read(ref _nowMs);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _nowMs, (long)by.TotalMilliseconds);
}
