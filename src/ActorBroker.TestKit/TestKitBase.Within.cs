using Xunit.Sdk;

namespace ActorBroker.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Time left in the enclosing <see cref="Within(TimeSpan, Action)"/>, or the dilated default.</summary>
    public TimeSpan RemainingOrDefault => RemainingOrDilated(null);

    /// <summary>Runs <paramref name="block"/>, which must finish within <paramref name="max"/> (dilated); Expect calls inside share that budget.</summary>
    public void Within(TimeSpan max, Action block) => Within(TimeSpan.Zero, max, block);

    /// <summary>Runs <paramref name="block"/>, which must take at least <paramref name="min"/> and at most <paramref name="max"/> (dilated).</summary>
    public void Within(TimeSpan min, TimeSpan max, Action block)
    {
        var started = DateTime.UtcNow;
        var dilatedMax = CapByEnclosingWithin(started, Dilated(max));
        var previousEnd = _end;
        _end = started + dilatedMax;
        try
        {
            block();
        }
        finally
        {
            _end = previousEnd;
        }

        CheckWithin(started, min, dilatedMax);
    }

    public async Task WithinAsync(TimeSpan max, Func<Task> block)
    {
        var started = DateTime.UtcNow;
        var dilatedMax = CapByEnclosingWithin(started, Dilated(max));
        var previousEnd = _end;
        _end = started + dilatedMax;
        try
        {
            await block().ConfigureAwait(false);
        }
        finally
        {
            _end = previousEnd;
        }

        CheckWithin(started, TimeSpan.Zero, dilatedMax);
    }

    /// <summary>A nested Within gets at most what is left of the enclosing one, as in Akka.</summary>
    private TimeSpan CapByEnclosingWithin(DateTime started, TimeSpan dilatedMax)
    {
        if (_end is not { } end) return dilatedMax;
        var left = end - started;
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        return left < dilatedMax ? left : dilatedMax;
    }

    private static void CheckWithin(DateTime started, TimeSpan min, TimeSpan max)
    {
        var elapsed = DateTime.UtcNow - started;
        if (elapsed < min)
            throw new XunitException($"The block finished in {elapsed.TotalMilliseconds:0} ms, before the minimum of {min.TotalMilliseconds:0} ms");
        if (elapsed > max)
            throw new XunitException($"The block took {elapsed.TotalMilliseconds:0} ms, more than the maximum of {max.TotalMilliseconds:0} ms");
    }

    private TimeSpan RemainingOrDilated(TimeSpan? timeout)
    {
        var requested = timeout.HasValue ? Dilated(timeout.Value) : Dilated(TestKitSettings.SingleExpectDefault);
        if (_end is not { } end) return requested;
        var remaining = end - DateTime.UtcNow;
        return timeout.HasValue && requested < remaining ? requested : remaining;
    }
}
