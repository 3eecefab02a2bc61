using System.Diagnostics;
using System.Globalization;

namespace ActorBroker.Cli.Quickstart;

/// <summary>The quickstart's console output: one line per event, stamped with the seconds since the run began; safe from any thread.</summary>
internal sealed class Narrator(TextWriter output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>A phase or event of the run.</summary>
    public void Say(string text) => Write(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,5:0.0}s] {text}"));

    /// <summary>A detail under the last event, indented and unstamped.</summary>
    public void Detail(string text) => Write($"          {text}");

    public void Blank() => Write("");

    private void Write(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
