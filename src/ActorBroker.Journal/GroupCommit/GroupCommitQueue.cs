using System.Threading.Channels;
using ActorBroker.Journal.Sqlite;

namespace ActorBroker.Journal.GroupCommit;

/// <summary>
/// Group commit: work queued by the journal actor for many persistent actors is committed by one loop, about
/// max-batch-size events per transaction, so the cost of a commit (and its sync) is shared by every write in it.
/// The bound is in events, not writes: one PersistAsync-heavy actor's write can hold hundreds of record batches.
/// Batches form by themselves: whatever queued while the previous transaction ran goes into the next one, so an idle
/// journal commits a lone write at once and a busy one commits large batches.
/// </summary>
/// <remarks>
/// The queue is bounded: when it is full, <see cref="Enqueue"/> returns a task that first waits for room (the
/// channel hands freed room to waiting writers in order). A failed transaction fails every item in it; later batches
/// are still attempted.
/// </remarks>
internal sealed class GroupCommitQueue : IAsyncDisposable
{
    private readonly JournalWriter _writer;
    private readonly int _maxEventsPerTransaction;
    private readonly Channel<JournalWork> _queue;
    private readonly Task _loop;
    private long _transactions;
    private long _appends;
    private long _events;

    /// <param name="writer">The connection that commits.</param>
    /// <param name="maxEventsPerTransaction">A transaction takes writes until it holds this many events; a write is never split.</param>
    /// <param name="capacity">Most writes waiting in the queue.</param>
    public GroupCommitQueue(JournalWriter writer, int maxEventsPerTransaction, int capacity)
    {
        _writer = writer;
        _maxEventsPerTransaction = maxEventsPerTransaction;
        _queue = Channel.CreateBounded<JournalWork>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    public long Transactions => Interlocked.Read(ref _transactions);

    public long Appends => Interlocked.Read(ref _appends);

    public long Events => Interlocked.Read(ref _events);

    /// <summary>Queues <paramref name="work"/>; the returned task completes when its transaction has committed.</summary>
    /// <param name="work">What to write.</param>
    /// <param name="cancellationToken">Cancels only waiting for room in a full queue.</param>
    public Task Enqueue(JournalWork work, CancellationToken cancellationToken)
    {
        if (!_queue.Writer.TryWrite(work))
        {
            _ = EnqueueWhenRoomAsync(work, cancellationToken);
        }

        return work.Task;
    }

    private async Task EnqueueWhenRoomAsync(JournalWork work, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            work.TrySetCanceled(ex.CancellationToken);
        }
        catch (ChannelClosedException)
        {
            work.TrySetException(new ObjectDisposedException(nameof(GroupCommitQueue), "The journal has stopped."));
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<JournalWork>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var events = 0;
            while (events < _maxEventsPerTransaction && reader.TryRead(out var work))
            {
                batch.Add(work);
                events += work is AppendEvents append ? append.Events.Count : 1;
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<JournalWork> batch)
    {
        Exception?[] results;
        try
        {
            results = _writer.Commit(batch);
        }
#pragma warning disable CA1031 // A failed transaction must fail this batch's writers, never the loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _transactions);
            foreach (var work in batch)
            {
                work.TrySetException(ex);
            }

            return;
        }

        Interlocked.Increment(ref _transactions);
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i] is AppendEvents append && results[i] is null)
            {
                Interlocked.Increment(ref _appends);
                Interlocked.Add(ref _events, append.Events.Count);
            }

            if (results[i] is { } failure)
            {
                batch[i].TrySetException(failure);
            }
            else
            {
                batch[i].TrySetResult();
            }
        }
    }

    /// <summary>Stops accepting work, commits what is already queued, then stops the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
