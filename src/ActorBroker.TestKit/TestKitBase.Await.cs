using Xunit.Sdk;

namespace ActorBroker.TestKit;

public abstract partial class TestKitBase
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="max"/> (dilated).</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var deadline = DateTime.UtcNow + RemainingOrDilated(max);
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
                throw new XunitException($"Condition not met within {RemainingOrDilated(max).TotalMilliseconds:0} ms{(message is null ? "" : ": " + message)}");
            Thread.Sleep(interval ?? DefaultPollInterval);
        }
    }

    public async Task AwaitConditionAsync(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var budget = RemainingOrDilated(max);
        var deadline = DateTime.UtcNow + budget;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
                throw new XunitException($"Condition not met within {budget.TotalMilliseconds:0} ms{(message is null ? "" : ": " + message)}");
            await Task.Delay(interval ?? DefaultPollInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Retries <paramref name="assertion"/> until it stops throwing; rethrows its last failure after <paramref name="duration"/> (dilated).</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + RemainingOrDilated(duration);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(interval ?? DefaultPollInterval);
            }
        }
    }

    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + RemainingOrDilated(duration);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(interval ?? DefaultPollInterval).ConfigureAwait(false);
            }
        }
    }
}
