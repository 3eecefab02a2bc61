using Akka.Persistence;
using Akka.Persistence.TestKit;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// A write interceptor for Akka's TestJournal: writes fail, as a full or broken disk would, while <see cref="FailWrites"/>
/// is set, are rejected, as an event the store refuses would be, while <see cref="RejectWrites"/> is set, and wait, as a slow disk would, between <see cref="HoldWrites"/> and <see cref="ReleaseWrites"/>.
/// </summary>
internal sealed class FlakyJournal : IJournalInterceptor
{
    private volatile bool _failWrites;
    private volatile bool _rejectWrites;
    private volatile TaskCompletionSource? _held;

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    /// <summary>The TestJournal asks per event and keeps the events before a rejected one: reject whole writes only.</summary>
    public bool RejectWrites
    {
        get => _rejectWrites;
        set => _rejectWrites = value;
    }

    public void HoldWrites() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseWrites() => _held?.TrySetResult();

    public async Task InterceptAsync(IPersistentRepresentation message)
    {
        if (_held is { } held) await held.Task.ConfigureAwait(false);
        if (_failWrites) throw new TestJournalFailureException("disk full (injected)");
        if (_rejectWrites) throw new TestJournalRejectionException("event refused (injected)");
    }
}
