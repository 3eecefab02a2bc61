using Akka.Event;

namespace ActorBroker.Broker.Internal;

/// <summary>
/// One warning line per interval for an event that can come by the thousand (a connection flood, drip clients closed):
/// the first is logged at once, the ones after it within the interval are counted, and the count goes out with the
/// next line or, when the flood is over, with <see cref="Flush"/>.
/// </summary>
internal sealed class ThrottledLog(ILoggingAdapter log, TimeSpan interval, TimeProvider time)
{
    private readonly long _intervalTicks = (long)(interval.TotalSeconds * time.TimestampFrequency);
    private long _quietUntil;
    private int _suppressed;
    private string _what = "";

    public void Warning(string message, string what)
    {
        var now = time.GetTimestamp();
        var quietUntil = Volatile.Read(ref _quietUntil);
        if ((quietUntil != 0 && now < quietUntil) || Interlocked.CompareExchange(ref _quietUntil, now + _intervalTicks, quietUntil) != quietUntil)
        {
            Volatile.Write(ref _what, what);
            Interlocked.Increment(ref _suppressed);
            return;
        }

        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        log.Warning(suppressed == 0 ? "{0}" : "{0} (and {1} more {2} since the last such line)", message, suppressed, what);
    }

    /// <summary>Logs how many were not, once the interval after the last line is over.</summary>
    public void Flush()
    {
        if (Volatile.Read(ref _suppressed) == 0 || time.GetTimestamp() < Volatile.Read(ref _quietUntil)) return;
        var suppressed = Interlocked.Exchange(ref _suppressed, 0);
        if (suppressed > 0) log.Warning("{0} more {1} in the last {2}", suppressed, Volatile.Read(ref _what), interval);
    }
}
