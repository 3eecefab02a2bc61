namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// A clock that moves only when the test says: <see cref="Advance"/> moves both the wall clock (retention by time) and
/// the monotonic clock (replica lag, deadlines); <see cref="StepWallClock"/> moves the wall clock alone, as NTP may.
/// </summary>
internal sealed class ManualClock(long startMs) : TimeProvider
{
    private long _nowMs = startMs;
    private long _elapsedMs;

    public long NowMs => Interlocked.Read(ref _nowMs);

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(NowMs);

    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedMs);

    public void Advance(TimeSpan by)
    {
        Interlocked.Add(ref _nowMs, (long)by.TotalMilliseconds);
        Interlocked.Add(ref _elapsedMs, (long)by.TotalMilliseconds);
    }

    public void StepWallClock(TimeSpan by) => Interlocked.Add(ref _nowMs, (long)by.TotalMilliseconds);
}
