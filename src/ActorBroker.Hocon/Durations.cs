using System.Globalization;

namespace ActorBroker.Hocon;

/// <summary>Reads HOCON durations such as <c>200ms</c>, <c>5 s</c>, <c>1 minute</c> or <c>infinite</c>.</summary>
internal static class Durations
{
    private static readonly Dictionary<string, double> TicksPerUnit = Build(
        (TimeSpan.TicksPerMillisecond / 1_000_000.0, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (TimeSpan.TicksPerMillisecond / 1_000.0, ["us", "µs", "micro", "micros", "microsecond", "microseconds"]),
        (TimeSpan.TicksPerMillisecond, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (TimeSpan.TicksPerSecond, ["s", "second", "seconds"]),
        (TimeSpan.TicksPerMinute, ["m", "minute", "minutes"]),
        (TimeSpan.TicksPerHour, ["h", "hour", "hours"]),
        (TimeSpan.TicksPerDay, ["d", "day", "days"]));

    /// <summary>A bare number is milliseconds, matching Akka; <c>infinite</c> maps to <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text is "infinite" or "inf")
        {
            value = Timeout.InfiniteTimeSpan;
            return true;
        }

        if (!Numbers.TrySplit(text, out var number, out var unit)
            || !TicksPerUnit.TryGetValue(unit, out var factor)
            || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
            return false;

        var ticks = Math.Round(amount * factor);
        if (double.IsNaN(ticks) || ticks > TimeSpan.MaxValue.Ticks || ticks < TimeSpan.MinValue.Ticks)
            return false;
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    private static Dictionary<string, double> Build(params (double Ticks, string[] Names)[] units) =>
        units.SelectMany(u => u.Names.Select(n => (n, u.Ticks))).ToDictionary(x => x.n, x => x.Ticks, StringComparer.Ordinal);
}
