using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// A write interceptor for Akka's TestJournal: writes fail, as a full or broken disk would, while <see cref="FailWrites"/>
/// is set, and wait, as a slow disk would, between <see cref="HoldWrites"/> and <see cref="ReleaseWrites"/>.
/// </summary>
internal sealed class FlakyJournal : IJournalInterceptor
{
    private volatile bool _failWrites;
    private volatile TaskCompletionSource? _held;

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    public void HoldWrites() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseWrites() => _held?.TrySetResult();

    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        if (_held is { } held) await held.Task.ConfigureAwait(false);
        if (_failWrites) throw new TestJournalFailureException("disk full (injected)");
    }
}
