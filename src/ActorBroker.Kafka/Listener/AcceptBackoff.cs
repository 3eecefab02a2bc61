namespace ActorBroker.Kafka.Listener;

/// <summary>
/// The pause after the n-th accept failure in a row: <see cref="Min"/>, doubled each time up to <see cref="Max"/>. A
/// process out of file descriptors frees them only as connections end, so retrying at once would spin a core for nothing.
/// </summary>
internal sealed record AcceptBackoff(TimeSpan Min, TimeSpan Max)
{
    public static AcceptBackoff Default { get; } = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    public TimeSpan Pause(int failures) =>
        TimeSpan.FromTicks(Math.Min(Max.Ticks, Min.Ticks << Math.Min(failures - 1, 20)));
}
