using System.Threading.Channels;

namespace ActorBroker.Persistence.Journal;

/// <summary>
/// Group commit in front of an <see cref="IJournalStore"/>: concurrent callers' atomic writes are
/// queued, and one background loop commits them in batches, one store transaction per batch, so the
/// cost of a commit (fsync) is shared by every write in it.
/// </summary>
/// <remarks>
/// Callers are completed in enqueue order: when a write's task is complete, every write queued
/// before it is complete too (their continuations run asynchronously, on the thread pool).
/// The queue is bounded: when it is full, <see cref="WriteAsync"/> waits. A store failure fails every write of that batch, and later
/// batches are still attempted. The batcher does not own the store.
/// </remarks>
public sealed class JournalWriteBatcher : IAsyncDisposable
{
    private readonly IJournalStore _store;
    private readonly JournalWriteBatcherOptions _options;
    private readonly Channel<PendingWrite> _queue;
    private readonly Task _loop;
    private int _disposed;

    public JournalWriteBatcher(IJournalStore store, JournalWriteBatcherOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _options = options ?? new JournalWriteBatcherOptions();
        _options.Validate();
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Queues <paramref name="write"/> and completes once its batch is committed.
    /// </summary>
    /// <returns>null when stored, else the write's own failure (e.g. <see cref="DuplicateSequenceNumberException"/>).</returns>
    /// <exception cref="ObjectDisposedException">The batcher is disposed.</exception>
    /// <remarks>
    /// <paramref name="ct"/> only cancels waiting for room in a full queue; once queued, a write is
    /// committed or failed but never withdrawn. When the store fails, its exception is thrown.
    /// </remarks>
    public Task<Exception?> WriteAsync(AtomicWrite write, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Volatile.Read(ref _disposed) != 0)
        {
            return Task.FromException<Exception?>(new ObjectDisposedException(GetType().FullName));
        }

        var pending = new PendingWrite(write);
        if (!_queue.Writer.TryWrite(pending))
        {
            _ = EnqueueWhenRoomAsync(pending, ct);
        }

        // Callers get the completion itself (no async wrapper in between), so completing the
        // batch in order means: when a write's task is complete, so is every write queued before it.
        return pending.Task;
    }

    private async Task EnqueueWhenRoomAsync(PendingWrite pending, CancellationToken ct)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            pending.TrySetException(new ObjectDisposedException(GetType().FullName));
        }
        catch (OperationCanceledException ex)
        {
            pending.TrySetCanceled(ex.CancellationToken);
        }
    }

    /// <summary>Stops accepting writes, commits everything already queued, then stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
        }

        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>(_options.MaxBatchSize);
        var writes = new List<AtomicWrite>(_options.MaxBatchSize);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await FillBatchAsync(reader, batch).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                continue;
            }

            foreach (var pending in batch)
            {
                writes.Add(pending.Write);
            }

            await CommitAsync(batch, writes).ConfigureAwait(false);
            batch.Clear();
            writes.Clear();
        }
    }

    private async Task FillBatchAsync(ChannelReader<PendingWrite> reader, List<PendingWrite> batch)
    {
        var max = _options.MaxBatchSize;
        while (batch.Count < max && reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }

        if (batch.Count >= max || _options.MaxBatchWait <= TimeSpan.Zero)
        {
            return;
        }

        // Light load: linger a little for more writes rather than commit a tiny batch.
        using var linger = new CancellationTokenSource(_options.MaxBatchWait);
        while (batch.Count < max)
        {
            if (reader.TryRead(out var pending))
            {
                batch.Add(pending);
                continue;
            }

            var more = reader.WaitToReadAsync(linger.Token).AsTask();
            await ((Task)more).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!more.IsCompletedSuccessfully || !more.Result)
            {
                return;
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch, List<AtomicWrite> writes)
    {
        IReadOnlyList<Exception?> results;
        try
        {
            results = await _store.WriteAsync(writes, CancellationToken.None).ConfigureAwait(false);
            if (results is null || results.Count != batch.Count)
            {
                throw new InvalidOperationException(
                    $"Journal store returned {results?.Count ?? 0} results for a batch of {batch.Count} writes.");
            }
        }
#pragma warning disable CA1031 // A store failure must fail this batch's callers, never the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].TrySetResult(results[i]);
        }
    }

    /// <summary>A queued write and the completion its caller awaits (one allocation per write).</summary>
    private sealed class PendingWrite(AtomicWrite write)
        : TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        public AtomicWrite Write { get; } = write;
    }
}
