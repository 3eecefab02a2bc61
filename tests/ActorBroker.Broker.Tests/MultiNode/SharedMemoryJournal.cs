using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
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

    private readonly Akka.Serialization.Serialization _serialization;

    public SharedMemoryJournal(Config config)
    {
        _store = Stores.GetOrAdd(config.GetString("store-id"), _ => new Store());
        _serialization = Context.System.Serialization;
    }

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
            : base.WriteMessagesAsync(writes.Select(ToStored).ToList(), cancellationToken);
    }

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback) =>
        base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, p => recoveryCallback(FromStored(p)));

    // Events are kept as bytes, as a real journal keeps them, and read back by the system that recovers: Akka's
    // MemoryJournal keeps the objects themselves, senders included, so an actor recovering in another in-process node
    // would get objects of the node that wrote them, actor refs of a killed system among them.
    private AtomicWrite ToStored(AtomicWrite write) =>
        new(((IImmutableList<IPersistentRepresentation>)write.Payload).Select(p => p.WithPayload(StoredEvent.Of(_serialization, p.Payload))
            .Update(p.SequenceNr, p.PersistenceId, p.IsDeleted, ActorRefs.NoSender, p.WriterGuid)).ToImmutableList());

    private IPersistentRepresentation FromStored(IPersistentRepresentation stored) =>
        stored.Payload is StoredEvent e ? stored.WithPayload(_serialization.Deserialize(e.Bytes, e.SerializerId, e.Manifest)) : stored;

    private sealed record StoredEvent(byte[] Bytes, int SerializerId, string Manifest)
    {
        public static StoredEvent Of(Akka.Serialization.Serialization serialization, object payload)
        {
            var serializer = serialization.FindSerializerFor(payload);
            return new StoredEvent(serializer.ToBinary(payload), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, payload));
        }
    }

    private sealed class Store
    {
        public JournalStorage Events { get; } = new();

        public volatile bool FailControllerWrites;
    }
}
