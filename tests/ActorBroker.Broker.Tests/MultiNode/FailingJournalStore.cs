using ActorBroker.Persistence.Journal;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>A journal that fails the controller's writes while <see cref="FailControllerWrites"/> is set, as a broken database would.</summary>
public sealed class FailingJournalStore(IJournalStore inner) : IJournalStore
{
    public volatile bool FailControllerWrites;

    public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);

    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct) =>
        FailControllerWrites && writes.Any(w => w.PersistenceId == "/broker/controller")
            ? Task.FromException<IReadOnlyList<Exception?>>(new IOException("injected journal failure"))
            : inner.WriteAsync(writes, ct);

    public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken ct) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, ct);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, ct);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct) => inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
