using ActorBroker.Persistence.InMemory;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Tck;

namespace ActorBroker.Persistence.Tests.Stores;

public sealed class InMemoryJournalStoreTests : JournalStoreSpec
{
    private readonly InMemoryJournalStorage _storage = new();

    protected override async Task<IJournalStore> CreateStoreCoreAsync()
    {
        var store = new InMemoryJournalStore(_storage);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task PlantCorruptRowAsync(string persistenceId, long sequenceNr)
    {
        _storage.PutUnchecked(TestEvents.Event(persistenceId, sequenceNr) with { SerializerId = -1 });
        return Task.CompletedTask;
    }
}

public sealed class InMemorySnapshotStoreTests : SnapshotStoreSpec
{
    private readonly InMemorySnapshotStorage _storage = new();

    protected override async Task<ISnapshotStore> CreateStoreCoreAsync()
    {
        var store = new InMemorySnapshotStore(_storage);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
