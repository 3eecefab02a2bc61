namespace ActorBroker.Cli.Quickstart;

/// <summary>Waits for a condition by checking it every few milliseconds: node state is read from memory, so polling is cheap.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>True once <paramref name="condition"/> holds, false if it still does not after <paramref name="timeout"/>.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(Interval).ConfigureAwait(false);
        }

        return true;
    }
}
