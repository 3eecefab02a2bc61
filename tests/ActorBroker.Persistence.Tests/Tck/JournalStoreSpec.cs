using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Infrastructure;
using static ActorBroker.Persistence.Tests.Tck.TestEvents;

namespace ActorBroker.Persistence.Tests.Tck;

/// <summary>
/// Behaviour every <see cref="IJournalStore"/> must show. A subclass per store supplies the store;
/// xunit creates one instance per test, so a subclass can give each test a fresh location
/// (directory, schema, storage) that every <see cref="CreateStoreAsync"/> call of the test shares.
/// </summary>
public abstract class JournalStoreSpec : IAsyncLifetime
{
    private readonly List<IJournalStore> _stores = [];

    /// <summary>A new, initialized store on this test's storage location.</summary>
    protected abstract Task<IJournalStore> CreateStoreCoreAsync();

    /// <summary>Puts a row with serializer id -1 at (pid, seq), bypassing the store (raw SQL for SQL stores).</summary>
    protected abstract Task PlantCorruptRowAsync(string persistenceId, long sequenceNr);

    protected async Task<IJournalStore> CreateStoreAsync()
    {
        var store = await CreateStoreCoreAsync();
        _stores.Add(store);
        return store;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected static async Task<List<PersistentRepr>> ReplayAll(
        IJournalStore store, string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var result = new List<PersistentRepr>();
        await foreach (var repr in store.ReplayAsync(persistenceId, from, to, max, CancellationToken.None))
        {
            result.Add(repr);
        }

        return result;
    }

    protected static async Task WriteOk(IJournalStore store, params AtomicWrite[] writes)
    {
        var results = await store.WriteAsync(writes, CancellationToken.None);
        Assert.Equal(writes.Length, results.Count);
        Assert.All(results, Assert.Null);
    }

    [StoreFact]
    public async Task Written_events_replay_in_order_with_all_fields_intact()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        await WriteOk(store, Write(pid, 1), WriteRange(pid, 2, 4));

        var replayed = await ReplayAll(store, pid);

        Assert.Equal([1L, 2, 3, 4], replayed.Select(r => r.SequenceNr));
        foreach (var r in replayed)
        {
            var expected = Event(pid, r.SequenceNr);
            Assert.Equal(pid, r.PersistenceId);
            Assert.Equal(expected.TimestampMs, r.TimestampMs);
            Assert.Equal(expected.Manifest, r.Manifest);
            Assert.Equal(expected.SerializerId, r.SerializerId);
            Assert.Equal(expected.Payload.ToArray(), r.Payload.ToArray());
            Assert.False(r.IsDeleted);
        }
    }

    [StoreFact]
    public async Task Replay_honours_from_to_and_max()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        var other = NewPersistenceId();
        await WriteOk(store, WriteRange(pid, 1, 10), WriteRange(other, 1, 3));

        Assert.Equal([3L, 4, 5, 6], (await ReplayAll(store, pid, 3, 6)).Select(r => r.SequenceNr));
        Assert.Equal([3L, 4], (await ReplayAll(store, pid, 3, 6, max: 2)).Select(r => r.SequenceNr));
        Assert.Equal([8L, 9, 10], (await ReplayAll(store, pid, 8)).Select(r => r.SequenceNr));
        Assert.Equal([5L], (await ReplayAll(store, pid, 5, 5)).Select(r => r.SequenceNr));
        Assert.Empty(await ReplayAll(store, pid, 11));
        Assert.Empty(await ReplayAll(store, pid, 6, 3));
        Assert.Empty(await ReplayAll(store, pid, max: 0));
        Assert.Empty(await ReplayAll(store, NewPersistenceId()));
    }

    [StoreFact]
    public async Task Highest_sequence_nr_is_zero_when_none_and_follows_writes()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        Assert.Equal(0, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));

        await WriteOk(store, WriteRange(pid, 1, 3));
        Assert.Equal(3, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));
        // fromSequenceNr is only a hint: the true highest comes back even when it is lower.
        Assert.Equal(3, await store.ReadHighestSequenceNrAsync(pid, 10, CancellationToken.None));

        await WriteOk(store, Write(pid, 4));
        Assert.Equal(4, await store.ReadHighestSequenceNrAsync(pid, 2, CancellationToken.None));
    }

    [StoreFact]
    public async Task Delete_to_removes_events_but_keeps_the_highest_sequence_nr()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        await WriteOk(store, WriteRange(pid, 1, 5));

        await store.DeleteMessagesToAsync(pid, 3, CancellationToken.None);
        Assert.Equal([4L, 5], (await ReplayAll(store, pid)).Select(r => r.SequenceNr));
        Assert.Equal(5, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));

        await store.DeleteMessagesToAsync(pid, long.MaxValue, CancellationToken.None);
        Assert.Empty(await ReplayAll(store, pid));
        Assert.Equal(5, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));

        // The kept (deleted) row still guards its sequence number; writing on continues normally.
        var again = await store.WriteAsync([Write(pid, 5, salt: 1), Write(pid, 6)], CancellationToken.None);
        var duplicate = Assert.IsType<DuplicateSequenceNumberException>(again[0]);
        Assert.Equal(5, duplicate.SequenceNr);
        Assert.Null(again[1]);
        Assert.Equal([6L], (await ReplayAll(store, pid)).Select(r => r.SequenceNr));
        Assert.Equal(6, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));

        await store.DeleteMessagesToAsync(pid, 6, CancellationToken.None);
        Assert.Empty(await ReplayAll(store, pid));
        Assert.Equal(6, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));
    }

    [StoreFact]
    public async Task Delete_to_of_unknown_persistence_id_is_a_no_op()
    {
        var store = await CreateStoreAsync();
        await store.DeleteMessagesToAsync(NewPersistenceId(), 10, CancellationToken.None);
    }

    [StoreFact]
    public async Task Duplicate_sequence_nr_is_rejected_at_its_index_while_the_rest_of_the_batch_commits()
    {
        var store = await CreateStoreAsync();
        var a = NewPersistenceId("a");
        var b = NewPersistenceId("b");
        var c = NewPersistenceId("c");
        await WriteOk(store, WriteRange(a, 1, 3));

        var results = await store.WriteAsync(
            [Write(b, 1), Write(a, 2, salt: 99), WriteRange(c, 1, 2), Write(a, 4)], CancellationToken.None);

        Assert.Null(results[0]);
        var duplicate = Assert.IsType<DuplicateSequenceNumberException>(results[1]);
        Assert.Equal(a, duplicate.PersistenceId);
        Assert.Equal(2, duplicate.SequenceNr);
        Assert.Null(results[2]);
        Assert.Null(results[3]);

        var replayedA = await ReplayAll(store, a);
        Assert.Equal([1L, 2, 3, 4], replayedA.Select(r => r.SequenceNr));
        Assert.Equal(PayloadFor(a, 2), replayedA[1].Payload.ToArray()); // never overwritten
        Assert.Single(await ReplayAll(store, b));
        Assert.Equal(2, (await ReplayAll(store, c)).Count);
    }

    [StoreFact]
    public async Task Atomic_write_hitting_a_duplicate_midway_is_rolled_back_entirely()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        await WriteOk(store, Write(pid, 3));

        var results = await store.WriteAsync([WriteRange(pid, 1, 2), WriteRange(pid, 2, 4, salt: 5), Write(pid, 4)], CancellationToken.None);

        Assert.Null(results[0]);
        Assert.Equal(2, Assert.IsType<DuplicateSequenceNumberException>(results[1]).SequenceNr);
        Assert.Null(results[2]);
        var replayed = await ReplayAll(store, pid);
        Assert.Equal([1L, 2, 3, 4], replayed.Select(r => r.SequenceNr));
        Assert.All(replayed, r => Assert.Equal(PayloadFor(pid, r.SequenceNr), r.Payload.ToArray()));
    }

    [StoreFact]
    public async Task Duplicate_within_one_batch_rejects_the_later_write()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();

        var results = await store.WriteAsync([Write(pid, 1), Write(pid, 1, salt: 1)], CancellationToken.None);

        Assert.Null(results[0]);
        Assert.Equal(1, Assert.IsType<DuplicateSequenceNumberException>(results[1]).SequenceNr);
        Assert.Equal(PayloadFor(pid, 1), Assert.Single(await ReplayAll(store, pid)).Payload.ToArray());
    }

    [StoreFact]
    public async Task Empty_write_list_returns_no_results()
    {
        var store = await CreateStoreAsync();
        Assert.Empty(await store.WriteAsync([], CancellationToken.None));
    }

    [StoreFact]
    public async Task Many_concurrent_writers_through_the_batcher_all_persist()
    {
        const int writers = 40;
        const int eventsPerWriter = 25;
        var store = await CreateStoreAsync();
        await using var batcher = new JournalWriteBatcher(store);
        var pids = Enumerable.Range(0, writers).Select(i => NewPersistenceId($"w{i}")).ToArray();

        await Task.WhenAll(pids.Select(pid => Task.Run(async () =>
        {
            for (var seq = 1; seq <= eventsPerWriter; seq++)
            {
                Assert.Null(await batcher.WriteAsync(Write(pid, seq)));
            }
        })));

        foreach (var pid in pids)
        {
            var replayed = await ReplayAll(store, pid);
            Assert.Equal(Enumerable.Range(1, eventsPerWriter).Select(i => (long)i), replayed.Select(r => r.SequenceNr));
            Assert.Equal(eventsPerWriter, await store.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));
        }
    }

    [StoreFact]
    public async Task A_new_store_on_the_same_storage_replays_everything()
    {
        var pid = NewPersistenceId();
        var first = await CreateStoreAsync();
        await WriteOk(first, WriteRange(pid, 1, 3), Write(pid, 4));
        await first.DeleteMessagesToAsync(pid, 1, CancellationToken.None);
        await first.DisposeAsync();

        var second = await CreateStoreAsync();

        Assert.Equal([2L, 3, 4], (await ReplayAll(second, pid)).Select(r => r.SequenceNr));
        Assert.Equal(4, await second.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));
        var results = await second.WriteAsync([Write(pid, 4, salt: 1)], CancellationToken.None);
        Assert.IsType<DuplicateSequenceNumberException>(results[0]);
    }

    [StoreFact]
    public async Task Corrupt_row_surfaces_as_JournalCorruptionException_naming_pid_and_sequence_nr()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        await WriteOk(store, WriteRange(pid, 1, 2));
        await PlantCorruptRowAsync(pid, 3);

        var seen = new List<long>();
        var ex = await Assert.ThrowsAsync<JournalCorruptionException>(async () =>
        {
            await foreach (var r in store.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, CancellationToken.None))
            {
                seen.Add(r.SequenceNr);
            }
        });

        Assert.Equal([1L, 2], seen);
        Assert.Equal(pid, ex.PersistenceId);
        Assert.Equal(3, ex.SequenceNr);
        Assert.Contains(pid, ex.Message, StringComparison.Ordinal);
        Assert.Contains("3", ex.Message, StringComparison.Ordinal);
    }
}
