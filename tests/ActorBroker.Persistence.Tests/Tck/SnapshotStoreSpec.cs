using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Infrastructure;
using static ActorBroker.Persistence.Tests.Tck.TestEvents;

namespace ActorBroker.Persistence.Tests.Tck;

/// <summary>Behaviour every <see cref="ISnapshotStore"/> must show (Akka snapshot semantics).</summary>
public abstract class SnapshotStoreSpec : IAsyncLifetime
{
    private readonly List<ISnapshotStore> _stores = [];

    /// <summary>A new, initialized store on this test's storage location.</summary>
    protected abstract Task<ISnapshotStore> CreateStoreCoreAsync();

    protected async Task<ISnapshotStore> CreateStoreAsync()
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

    /// <summary>Saves snapshots at sequence numbers 10, 20, 30, 40 with timestamps 1000, 2000, 3000, 4000.</summary>
    private static async Task<string> SaveFour(ISnapshotStore store)
    {
        var pid = NewPersistenceId();
        foreach (var seq in new long[] { 10, 20, 30, 40 })
        {
            await store.SaveAsync(new SnapshotMetadata(pid, seq, seq * 100), "test.State", 3, PayloadFor(pid, seq), CancellationToken.None);
        }

        return pid;
    }

    [StoreFact]
    public async Task Load_latest_returns_the_youngest_snapshot_with_its_bytes()
    {
        var store = await CreateStoreAsync();
        var pid = await SaveFour(store);

        var loaded = await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(new SnapshotMetadata(pid, 40, 4000), loaded.Metadata);
        Assert.Equal("test.State", loaded.Manifest);
        Assert.Equal(3, loaded.SerializerId);
        Assert.Equal(PayloadFor(pid, 40), loaded.Payload.ToArray());
    }

    [StoreFact]
    public async Task Load_honours_the_selection_criteria()
    {
        var store = await CreateStoreAsync();
        var pid = await SaveFour(store);

        async Task<long?> Seq(SnapshotSelectionCriteria criteria) =>
            (await store.LoadAsync(pid, criteria, CancellationToken.None))?.Metadata.SequenceNr;

        Assert.Equal(30, await Seq(new SnapshotSelectionCriteria(35, long.MaxValue)));
        Assert.Equal(20, await Seq(new SnapshotSelectionCriteria(long.MaxValue, 2500)));
        Assert.Equal(20, await Seq(new SnapshotSelectionCriteria(30, 2000)));
        Assert.Equal(40, await Seq(new SnapshotSelectionCriteria(long.MaxValue, long.MaxValue, MinSequenceNr: 40)));
        Assert.Null(await Seq(new SnapshotSelectionCriteria(25, long.MaxValue, MinSequenceNr: 21)));
        Assert.Null(await Seq(new SnapshotSelectionCriteria(long.MaxValue, long.MaxValue, MinTimestampMs: 5000)));
        Assert.Null(await Seq(SnapshotSelectionCriteria.None));
        Assert.Null(await store.LoadAsync(NewPersistenceId(), SnapshotSelectionCriteria.Latest, CancellationToken.None));
    }

    [StoreFact]
    public async Task Saving_the_same_sequence_nr_again_replaces_the_snapshot()
    {
        var store = await CreateStoreAsync();
        var pid = NewPersistenceId();
        await store.SaveAsync(new SnapshotMetadata(pid, 5, 100), "v1", 1, PayloadFor(pid, 5, 1), CancellationToken.None);
        await store.SaveAsync(new SnapshotMetadata(pid, 5, 200), "v2", 2, PayloadFor(pid, 5, 2), CancellationToken.None);

        var loaded = await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None);

        Assert.NotNull(loaded);
        Assert.Equal(new SnapshotMetadata(pid, 5, 200), loaded.Metadata);
        Assert.Equal("v2", loaded.Manifest);
        Assert.Equal(2, loaded.SerializerId);
        Assert.Equal(PayloadFor(pid, 5, 2), loaded.Payload.ToArray());
    }

    [StoreFact]
    public async Task Delete_by_metadata_removes_only_that_snapshot()
    {
        var store = await CreateStoreAsync();
        var pid = await SaveFour(store);

        await store.DeleteAsync(new SnapshotMetadata(pid, 40, 0), CancellationToken.None);
        Assert.Equal(30, (await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None))?.Metadata.SequenceNr);

        // A non-zero timestamp must match too.
        await store.DeleteAsync(new SnapshotMetadata(pid, 30, 9999), CancellationToken.None);
        Assert.Equal(30, (await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None))?.Metadata.SequenceNr);
        await store.DeleteAsync(new SnapshotMetadata(pid, 30, 3000), CancellationToken.None);
        Assert.Equal(20, (await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None))?.Metadata.SequenceNr);
    }

    [StoreFact]
    public async Task Delete_by_criteria_removes_the_matching_snapshots()
    {
        var store = await CreateStoreAsync();
        var pid = await SaveFour(store);
        var other = await SaveFour(store);

        await store.DeleteAsync(pid, new SnapshotSelectionCriteria(30, long.MaxValue, MinSequenceNr: 20), CancellationToken.None);

        Assert.Equal(40, (await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None))?.Metadata.SequenceNr);
        Assert.Equal(10, (await store.LoadAsync(pid, new SnapshotSelectionCriteria(39, long.MaxValue), CancellationToken.None))?.Metadata.SequenceNr);
        Assert.Equal(30, (await store.LoadAsync(other, new SnapshotSelectionCriteria(39, long.MaxValue), CancellationToken.None))?.Metadata.SequenceNr);

        await store.DeleteAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None);
        Assert.Null(await store.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None));
    }

    [StoreFact]
    public async Task A_new_store_on_the_same_storage_loads_saved_snapshots()
    {
        var first = await CreateStoreAsync();
        var pid = await SaveFour(first);
        await first.DisposeAsync();

        var second = await CreateStoreAsync();

        var loaded = await second.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None);
        Assert.Equal(40, loaded?.Metadata.SequenceNr);
        Assert.Equal(PayloadFor(pid, 40), loaded?.Payload.ToArray());
    }
}
