using System.Diagnostics;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Benchmarks.Persistence;

/// <summary>Passes everything to the real store and counts batches, events and the time spent in batch writes.</summary>
internal sealed class CountingJournalStore(IJournalStore inner) : IJournalStore
{
    private long _batches;
    private long _events;
    private long _writeTicks;

    public long Batches => Interlocked.Read(ref _batches);

    public long Events => Interlocked.Read(ref _events);

    public TimeSpan TimeInWrites => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _writeTicks));

    public void Reset()
    {
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _events, 0);
        Interlocked.Exchange(ref _writeTicks, 0);
    }

    public Task InitializeAsync(CancellationToken ct) => inner.InitializeAsync(ct);

    public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await inner.WriteAsync(writes, ct).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _writeTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _batches);
            var events = 0;
            for (var i = 0; i < writes.Count; i++) events += writes[i].Events.Count;
            Interlocked.Add(ref _events, events);
        }
    }

    public IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken ct) =>
        inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, ct);

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, ct);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, ct);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
