namespace ActorBroker.Persistence.Journal;

/// <summary>
/// Storage SPI of the event journal. Deals only in bytes; serialization happens above it.
/// Implementations are thread-safe.
/// </summary>
public interface IJournalStore : IAsyncDisposable
{
    /// <summary>Opens connections and, when auto-initialize is on, creates the schema.</summary>
    Task InitializeAsync(CancellationToken ct);

    /// <summary>
    /// Writes all <paramref name="writes"/> in one transaction. Each atomic write is all-or-nothing on
    /// its own: one that fails (for example with <see cref="DuplicateSequenceNumberException"/>) is
    /// rolled back alone and its exception returned at its index, while the others commit.
    /// </summary>
    /// <returns>One entry per write, in order; <c>null</c> means the write was stored.</returns>
    /// <remarks>
    /// Throws when the store itself fails (I/O, connection); then nothing of the call is committed
    /// or its outcome is unknown. The store does not keep a reference to <paramref name="writes"/>
    /// after the returned task completes, so callers may reuse the list.
    /// </remarks>
    Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct);

    /// <summary>
    /// Events of <paramref name="persistenceId"/> with sequence numbers in
    /// [<paramref name="fromSequenceNr"/>, <paramref name="toSequenceNr"/>], ascending, skipping deleted
    /// rows, at most <paramref name="max"/>. A row that cannot be read back throws
    /// <see cref="JournalCorruptionException"/>.
    /// </summary>
    IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken ct);

    /// <summary>
    /// The highest sequence number ever stored for <paramref name="persistenceId"/>, 0 when none.
    /// Stays correct after <see cref="DeleteMessagesToAsync"/>. <paramref name="fromSequenceNr"/> is a
    /// hint only; the true highest number is returned even if it is lower.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct);

    /// <summary>
    /// Physically deletes the events up to and including <paramref name="toSequenceNr"/>, except that
    /// the highest-ever row is kept, marked deleted, so the highest sequence number survives.
    /// </summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct);
}
