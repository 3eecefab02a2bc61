using System.Globalization;

namespace ActorBroker.Cli.Perf;

/// <summary>The closing line of a perf run, in the shape of Kafka's perf tools so numbers read side by side.</summary>
internal static class PerfReport
{
    public static string Format(string verb, long records, long bytes, TimeSpan elapsed, LatencyHistogram latency, string latencyName)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        return string.Create(CultureInfo.InvariantCulture,
            $"{records} records {verb} in {seconds:0.00} s, {records / seconds:0.0} records/sec ({bytes / seconds / (1024 * 1024):0.00} MB/sec), " +
            $"{latencyName} latency {Ms(latency.Average)} ms avg, {Ms(latency.Percentile(50))} ms p50, {Ms(latency.Percentile(99))} ms p99, " +
            $"{Ms(latency.Percentile(99.9))} ms p99.9, {Ms(latency.Max)} ms max.");
    }

    private static string Ms(double micros) => (micros / 1000).ToString("0.00", CultureInfo.InvariantCulture);
}
