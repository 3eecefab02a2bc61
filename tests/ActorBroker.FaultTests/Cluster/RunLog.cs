using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace ActorBroker.FaultTests.Cluster;

/// <summary>The run's narrative for the test output, each line stamped with the seconds since the run started (a monotonic clock).</summary>
public sealed class RunLog(ITestOutputHelper output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Time since the run started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public void Line(string text)
    {
        lock (_clock) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:0.0}] {text}"));
    }

    /// <summary>Writes a block (a table) as it is.</summary>
    public void Block(string text)
    {
        lock (_clock) output.WriteLine(text);
    }
}
