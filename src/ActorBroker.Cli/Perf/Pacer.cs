namespace ActorBroker.Cli.Perf;

/// <summary>
/// The <c>--throughput</c> cap of <c>perf produce</c>: how many records may have been sent by a given moment. Pacing
/// counts from <see cref="Start"/>, so time spent before it (the first record waiting for the topic's metadata) is not
/// made up for afterwards by a burst.
/// </summary>
internal sealed class Pacer(long recordsPerSecond)
{
    private TimeSpan _from;
    private long _sentBefore;

    /// <summary>Pacing starts now, with <paramref name="sent"/> records already sent that do not count against the rate.</summary>
    public void Start(TimeSpan now, long sent)
    {
        _from = now;
        _sentBefore = sent;
    }

    /// <summary>Whether record number <paramref name="sent"/> (0-based) may go at <paramref name="now"/>; always true without a cap.</summary>
    public bool MaySend(long sent, TimeSpan now) =>
        recordsPerSecond <= 0 || sent - _sentBefore <= recordsPerSecond * (now - _from).TotalSeconds;
}
