using ActorBroker.Persistence.InMemory;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>
/// An in-memory journal whose writes fail, as a full or broken disk would, while <see cref="FailWrites"/> is set, and
/// wait, as a slow disk would, between <see cref="HoldWrites"/> and <see cref="ReleaseWrites"/>.
/// </summary>
internal sealed class FlakyJournalStore(InMemoryJournalStorage storage) : IJournalStore
{
    private readonly InMemoryJournalStore _inner = new(storage);
    private volatile bool _failWrites;
    private volatile TaskCompletionSource? _held;

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    public Task InitializeAsync(CancellationToken ct) => _inner.InitializeAsync(ct);

    public void HoldWrites() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseWrites() => _held?.TrySetResult();

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct)
    {
        if (_held is { } held) await held.Task;
        if (_failWrites) throw new IOException("disk full (injected)");
        return await _inner.WriteAsync(writes, ct);
    }

    public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken ct) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, ct);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, ct);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, ct);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
