using System.Diagnostics;
using ActorBroker.Broker.Metadata;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// Waits until this node's metadata image shows an admin change the controller acknowledged. The controller answers
/// once the change is persisted, and the image reaches each node a moment later; Kafka's admin APIs answer after
/// the change is visible (within the request's timeout), so a client that asks this node next finds it. The image
/// has no change notification, so this polls it, briefly and bounded.
/// </summary>
internal static class MetadataWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>True once <paramref name="condition"/> holds, false if <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> UntilAsync(LocalMetadata metadata, Func<MetadataImage, bool> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!condition(metadata.Current))
        {
            if (waited.Elapsed >= timeout) return false;
            await Task.Delay(PollInterval).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The client's timeout_ms bounded by the door's request timeout; zero or less: do not wait (Kafka's meaning).</summary>
    public static TimeSpan Bound(int timeoutMs, TimeSpan requestTimeout) =>
        timeoutMs <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(timeoutMs, requestTimeout.TotalMilliseconds));
}
