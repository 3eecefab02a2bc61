using System.Diagnostics;

namespace ActorBroker.Client.Connection;

/// <summary>
/// Milliseconds on a monotonic clock for the clients' deadlines (linger, timeouts, backoff). Stopwatch rather than
/// Environment.TickCount64, whose resolution on Linux (the coarse clock, about 4 ms) is too rough for a 5 ms linger.
/// </summary>
internal static class MonotonicClock
{
    private static readonly long TicksPerMillisecond = Stopwatch.Frequency / 1000;

    public static long NowMs => Stopwatch.GetTimestamp() / TicksPerMillisecond;

    /// <summary>Milliseconds from now until <paramref name="deadlineMs"/>, never negative.</summary>
    public static TimeSpan Until(long deadlineMs, long nowMs) => TimeSpan.FromMilliseconds(Math.Max(0, deadlineMs - nowMs));
}
