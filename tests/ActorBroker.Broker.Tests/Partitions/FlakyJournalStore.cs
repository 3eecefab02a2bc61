using ActorBroker.Persistence.InMemory;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>An in-memory journal whose writes fail, as a full or broken disk would, while <see cref="FailWrites"/> is set.</summary>
internal sealed class FlakyJournalStore(InMemoryJournalStorage storage) : IJournalStore
{
    private readonly InMemoryJournalStore _inner = new(storage);
    private volatile bool _failWrites;

    public bool FailWrites
    {
        get => _failWrites;
        set => _failWrites = value;
    }

    public Task InitializeAsync(CancellationToken ct) => _inner.InitializeAsync(ct);

    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct) =>
        _failWrites ? Task.FromException<IReadOnlyList<Exception?>>(new IOException("disk full (injected)")) : _inner.WriteAsync(writes, ct);

    public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken ct) =>
        _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, ct);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct) =>
        _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, ct);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct) =>
        _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, ct);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
