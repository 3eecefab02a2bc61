using ActorBroker.Persistence.InMemory;
using ActorBroker.Persistence.Journal;
using static ActorBroker.Persistence.Tests.Tck.TestEvents;

namespace ActorBroker.Persistence.Tests;

public sealed class JournalWriteBatcherTests
{
    /// <summary>
    /// Decorates an in-memory journal: records every batch (copied: the batcher reuses its list),
    /// and lets a test hold a call at a gate or make it fail.
    /// </summary>
    private sealed class ScriptedStore : IJournalStore
    {
        private readonly InMemoryJournalStore _inner = new();
        private readonly object _gate = new();

        public List<List<AtomicWrite>> Batches { get; } = [];

        /// <summary>Runs at the start of call n (0-based), before the inner store writes.</summary>
        public Func<int, IReadOnlyList<AtomicWrite>, Task>? OnWrite { get; set; }

        public InMemoryJournalStore Inner => _inner;

        public async Task<IReadOnlyList<Exception?>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken ct)
        {
            int call;
            lock (_gate)
            {
                call = Batches.Count;
                Batches.Add([.. writes]);
            }

            if (OnWrite is { } hook)
            {
                await hook(call, writes);
            }

            return await _inner.WriteAsync(writes, ct);
        }

        public Task InitializeAsync(CancellationToken ct) => Task.CompletedTask;

        public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, CancellationToken ct) =>
            _inner.ReplayAsync(persistenceId, fromSequenceNr, toSequenceNr, max, ct);

        public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken ct) =>
            _inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, ct);

        public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken ct) =>
            _inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, ct);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }

    /// <summary>Holds the first store call until released, and tells when it has started.</summary>
    private sealed class FirstCallGate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task Hook(int call, IReadOnlyList<AtomicWrite> writes)
        {
            if (call == 0)
            {
                Entered.TrySetResult();
                await Release.Task;
            }
        }
    }

    [Fact]
    public async Task Writes_queued_during_a_commit_are_coalesced_into_one_transaction()
    {
        var gate = new FirstCallGate();
        var store = new ScriptedStore { OnWrite = gate.Hook };
        await using var batcher = new JournalWriteBatcher(store);

        var first = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        await gate.Entered.Task;
        var rest = Enumerable.Range(0, 99).Select(_ => batcher.WriteAsync(Write(NewPersistenceId(), 1))).ToList();
        gate.Release.SetResult();

        Assert.Null(await first);
        Assert.All(await Task.WhenAll(rest), Assert.Null);
        Assert.Equal([1, 99], store.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task Batches_never_exceed_MaxBatchSize()
    {
        var gate = new FirstCallGate();
        var store = new ScriptedStore { OnWrite = gate.Hook };
        await using var batcher = new JournalWriteBatcher(store, new JournalWriteBatcherOptions { MaxBatchSize = 10 });

        var first = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        await gate.Entered.Task;
        var rest = Enumerable.Range(0, 25).Select(_ => batcher.WriteAsync(Write(NewPersistenceId(), 1))).ToList();
        gate.Release.SetResult();
        await first;
        await Task.WhenAll(rest);

        Assert.Equal([1, 10, 10, 5], store.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task Writes_reach_the_store_and_complete_in_enqueue_order()
    {
        const int count = 500;
        var store = new ScriptedStore();
        await using var batcher = new JournalWriteBatcher(store, new JournalWriteBatcherOptions { MaxBatchSize = 7 });
        var pid = NewPersistenceId();

        // One caller pipelining its writes without awaiting each: the batcher must keep their order.
        var tasks = new Task<Exception?>[count];
        var completedOutOfOrder = 0;
        for (var i = 0; i < count; i++)
        {
            tasks[i] = batcher.WriteAsync(Write(pid, i + 1));
            var index = i;
            _ = tasks[i].ContinueWith(
                _ =>
                {
                    for (var j = 0; j < index; j++)
                    {
                        if (!tasks[j].IsCompleted)
                        {
                            Interlocked.Increment(ref completedOutOfOrder);
                        }
                    }
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        Assert.All(await Task.WhenAll(tasks), Assert.Null);
        Assert.Equal(0, Volatile.Read(ref completedOutOfOrder));
        var stored = store.Batches.SelectMany(b => b).Select(w => w.LowestSequenceNr).ToList();
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), stored);
    }

    [Fact]
    public async Task Per_write_failures_are_returned_to_their_caller_only()
    {
        var store = new ScriptedStore();
        await using var batcher = new JournalWriteBatcher(store);
        var pid = NewPersistenceId();
        Assert.Null(await batcher.WriteAsync(Write(pid, 1)));

        var duplicate = await batcher.WriteAsync(Write(pid, 1, salt: 1));

        Assert.Equal(1, Assert.IsType<DuplicateSequenceNumberException>(duplicate).SequenceNr);
        Assert.Null(await batcher.WriteAsync(Write(pid, 2)));
    }

    [Fact]
    public async Task Store_failure_fails_that_batch_only_and_the_loop_keeps_running()
    {
        var gate = new FirstCallGate();
        var store = new ScriptedStore
        {
            OnWrite = async (call, writes) =>
            {
                await gate.Hook(call, writes);
                if (call == 1)
                {
                    throw new IOException("disk on fire");
                }
            },
        };
        await using var batcher = new JournalWriteBatcher(store);

        var before = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        await gate.Entered.Task;
        var doomed = new[] { batcher.WriteAsync(Write(NewPersistenceId(), 1)), batcher.WriteAsync(Write(NewPersistenceId(), 1)) };
        gate.Release.SetResult();

        Assert.Null(await before);
        foreach (var write in doomed)
        {
            var ex = await Assert.ThrowsAsync<IOException>(() => write);
            Assert.Equal("disk on fire", ex.Message);
        }

        Assert.Null(await batcher.WriteAsync(Write(NewPersistenceId(), 1)));
        Assert.Equal([1, 2, 1], store.Batches.Select(b => b.Count));
    }

    [Fact]
    public async Task A_full_queue_makes_writers_wait()
    {
        var gate = new FirstCallGate();
        var store = new ScriptedStore { OnWrite = gate.Hook };
        await using var batcher = new JournalWriteBatcher(
            store, new JournalWriteBatcherOptions { QueueCapacity = 2, MaxBatchSize = 1 });

        var inStore = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        await gate.Entered.Task;
        var queued = new[] { batcher.WriteAsync(Write(NewPersistenceId(), 1)), batcher.WriteAsync(Write(NewPersistenceId(), 1)) };

        // The queue is full: this writer can only wait for room, so cancelling it must cancel the wait.
        using var cts = new CancellationTokenSource();
        var waiting = batcher.WriteAsync(Write(NewPersistenceId(), 1), cts.Token);
        Assert.False(waiting.IsCompleted);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var blocked = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        Assert.False(blocked.IsCompleted);
        gate.Release.SetResult();

        Assert.Null(await inStore);
        Assert.All(await Task.WhenAll(queued), Assert.Null);
        Assert.Null(await blocked);
        Assert.Equal(4, store.Batches.Count); // the cancelled write never reached the store
    }

    [Fact]
    public async Task Dispose_commits_queued_writes_then_rejects_new_ones()
    {
        var gate = new FirstCallGate();
        var store = new ScriptedStore { OnWrite = gate.Hook };
        var batcher = new JournalWriteBatcher(store);

        var inStore = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        await gate.Entered.Task;
        var queued = Enumerable.Range(0, 5).Select(_ => batcher.WriteAsync(Write(NewPersistenceId(), 1))).ToList();
        var disposing = batcher.DisposeAsync().AsTask();
        Assert.False(disposing.IsCompleted);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.WriteAsync(Write(NewPersistenceId(), 1)));
        gate.Release.SetResult();
        await disposing;

        Assert.Null(await inStore);
        Assert.All(await Task.WhenAll(queued), Assert.Null);
        Assert.Equal(6, store.Batches.Sum(b => b.Count));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => batcher.WriteAsync(Write(NewPersistenceId(), 1)));
        await batcher.DisposeAsync(); // idempotent
    }

    [Fact]
    public async Task Under_light_load_a_small_batch_lingers_up_to_MaxBatchWait_for_more()
    {
        var store = new ScriptedStore();
        // A very long linger: the batch can only be committed early by filling up.
        await using var batcher = new JournalWriteBatcher(store, new JournalWriteBatcherOptions
        {
            MaxBatchSize = 2,
            MaxBatchWait = TimeSpan.FromMinutes(5),
        });

        var first = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        var second = batcher.WriteAsync(Write(NewPersistenceId(), 1));
        await Task.WhenAll(first, second);

        Assert.Equal([2], store.Batches.Select(b => b.Count));
    }

    [Fact]
    public void Options_are_validated()
    {
        var store = new ScriptedStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => new JournalWriteBatcher(store, new JournalWriteBatcherOptions { MaxBatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JournalWriteBatcher(store, new JournalWriteBatcherOptions { QueueCapacity = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new JournalWriteBatcher(store, new JournalWriteBatcherOptions { MaxBatchWait = TimeSpan.FromSeconds(-1) }));
    }
}

public sealed class AtomicWriteTests
{
    [Fact]
    public void Rejects_empty_mixed_or_gapped_writes()
    {
        var pid = NewPersistenceId();
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Array.Empty<PersistentRepr>()));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([Event(pid, 1), Event(NewPersistenceId(), 2)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([Event(pid, 1), Event(pid, 3)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite([Event(pid, 2), Event(pid, 1)]));
        Assert.Throws<ArgumentException>(() => new AtomicWrite(Event(pid, 0)));
    }

    [Fact]
    public void Exposes_persistence_id_and_sequence_range()
    {
        var pid = NewPersistenceId();
        var write = WriteRange(pid, 3, 5);
        Assert.Equal(pid, write.PersistenceId);
        Assert.Equal(3, write.LowestSequenceNr);
        Assert.Equal(5, write.HighestSequenceNr);
    }
}
