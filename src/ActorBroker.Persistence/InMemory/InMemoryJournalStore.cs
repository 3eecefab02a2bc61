using System.Runtime.CompilerServices;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.InMemory;

/// <summary>
/// Journal kept in process memory, for tests. Same semantics as the SQL stores: duplicates are
/// rejected per atomic write, deletes keep the highest row marked deleted. Thread-safe.
/// </summary>
/// <remarks>
/// Data lives in an <see cref="InMemoryJournalStorage"/>; pass the same storage to a new store to
/// "reopen" it. Payloads are copied on write, so callers may reuse their buffers.
/// </remarks>
public sealed class InMemoryJournalStore : IJournalStore
{
    private readonly InMemoryJournalStorage _storage;
    private volatile bool _disposed;

    public InMemoryJournalStore(InMemoryJournalStorage? storage = null)
    {
        _storage = storage ?? new InMemoryJournalStorage();
    }

    public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ct.ThrowIfCancellationRequested();
        var results = new Exception?[writes.Count];
        lock (_storage.Gate)
        {
            for (var i = 0; i < writes.Count; i++)
            {
                results[i] = _storage.TryAppend(writes[i]);
            }
        }

        return Task.FromResult<IReadOnlyList<Exception?>>(results);
    }

    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(
        string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        List<PersistentRepr> snapshot;
        lock (_storage.Gate)
        {
            snapshot = _storage.Range(persistenceId, fromSequenceNr, toSequenceNr, max);
        }

        foreach (var repr in snapshot)
        {
            ct.ThrowIfCancellationRequested();
            if (repr.SerializerId < 0)
            {
                throw new JournalCorruptionException(persistenceId, repr.SequenceNr, $"invalid serializer id {repr.SerializerId}");
            }

            yield return repr;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_storage.Gate)
        {
            return Task.FromResult(_storage.Highest(persistenceId));
        }
    }

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_storage.Gate)
        {
            _storage.DeleteTo(persistenceId, toSequenceNr);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}

/// <summary>The rows of one or more <see cref="InMemoryJournalStore"/> instances.</summary>
public sealed class InMemoryJournalStorage
{
    private readonly Dictionary<string, SortedList<long, PersistentRepr>> _rows = new(StringComparer.Ordinal);

    internal object Gate { get; } = new();

    /// <summary>
    /// Stores a row without any validation or duplicate check, replacing what is there. Lets tests
    /// plant rows a well-behaved writer never produces (for example a negative serializer id).
    /// </summary>
    public void PutUnchecked(PersistentRepr row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (Gate)
        {
            RowsOf(row.PersistenceId)[row.SequenceNr] = row;
        }
    }

    internal Exception? TryAppend(AtomicWrite write)
    {
        var rows = RowsOf(write.PersistenceId);
        foreach (var e in write.Events)
        {
            if (rows.ContainsKey(e.SequenceNr))
            {
                return new DuplicateSequenceNumberException(e.PersistenceId, e.SequenceNr);
            }
        }

        foreach (var e in write.Events)
        {
            rows.Add(e.SequenceNr, e with { Payload = e.Payload.ToArray(), IsDeleted = false });
        }

        return null;
    }

    internal List<PersistentRepr> Range(string persistenceId, long from, long to, long max)
    {
        var result = new List<PersistentRepr>();
        if (max <= 0 || !_rows.TryGetValue(persistenceId, out var rows))
        {
            return result;
        }

        foreach (var (seq, row) in rows)
        {
            if (seq > to || result.Count >= max)
            {
                break;
            }

            if (seq >= from && !row.IsDeleted)
            {
                result.Add(row);
            }
        }

        return result;
    }

    internal long Highest(string persistenceId) =>
        _rows.TryGetValue(persistenceId, out var rows) && rows.Count > 0 ? rows.Keys[^1] : 0;

    internal void DeleteTo(string persistenceId, long toSequenceNr)
    {
        if (!_rows.TryGetValue(persistenceId, out var rows) || rows.Count == 0)
        {
            return;
        }

        var highest = rows.Keys[^1];
        while (rows.Count > 1 && rows.Keys[0] <= toSequenceNr)
        {
            rows.RemoveAt(0);
        }

        if (toSequenceNr >= highest)
        {
            rows[highest] = rows[highest] with { IsDeleted = true };
        }
    }

    private SortedList<long, PersistentRepr> RowsOf(string persistenceId)
    {
        if (!_rows.TryGetValue(persistenceId, out var rows))
        {
            rows = [];
            _rows.Add(persistenceId, rows);
        }

        return rows;
    }
}
