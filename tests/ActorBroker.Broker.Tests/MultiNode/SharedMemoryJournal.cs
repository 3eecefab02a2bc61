using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// Akka's in-memory journal with its events kept in a store named by the plugin's <c>store-id</c>, so the nodes of
/// one test share a journal (as nodes sharing a PostgreSQL database do) and a restarted node finds its store again.
/// Akka's own SharedMemoryJournal shares one store across the whole process, which would leak state between tests.
/// A test can fail the controller's writes (<see cref="FailControllerWrites"/>), as a broken database would.
/// </summary>
public sealed class SharedMemoryJournal : MemoryJournal
{
    private static readonly ConcurrentDictionary<string, Store> Stores = new();
    private readonly Store _store;

    public SharedMemoryJournal(Config config) => _store = Stores.GetOrAdd(config.GetString("store-id"), _ => new Store());

    /// <summary>The plugin config of a journal on store <paramref name="storeId"/>.</summary>
    public static Config Config(string storeId) => ConfigurationFactory.ParseString($$"""
        akka.persistence.journal {
          plugin = "akka.persistence.journal.shared-memory"
          shared-memory {
            class = "{{typeof(SharedMemoryJournal).AssemblyQualifiedName}}"
            plugin-dispatcher = "akka.actor.default-dispatcher"
            store-id = "{{storeId}}"
          }
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <summary>While set, writes of the controller's events to store <paramref name="storeId"/> fail.</summary>
    public static void FailControllerWrites(string storeId, bool fail) => Stores.GetOrAdd(storeId, _ => new Store()).FailControllerWrites = fail;

    /// <summary>Forgets store <paramref name="storeId"/>: the test that used it is over.</summary>
    public static void Drop(string storeId) => Stores.TryRemove(storeId, out _);

    // Akka's MemoryJournal lets a subclass share its storage, which is safe to use from several journal actors.
    protected override JournalStorage Storage => _store.Events;

    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        return _store.FailControllerWrites && writes.Any(w => w.PersistenceId == Broker.Controller.BrokerController.PersistenceIdValue)
            ? Task.FromException<IImmutableList<Exception?>>(new IOException("injected journal failure"))
            : base.WriteMessagesAsync(writes, cancellationToken);
    }

    private sealed class Store
    {
        public JournalStorage Events { get; } = new();

        public volatile bool FailControllerWrites;
    }
}
