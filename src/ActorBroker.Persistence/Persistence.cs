using ActorBroker.Actors;
using ActorBroker.Hocon;
using ActorBroker.Persistence.InMemory;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.PostgreSql;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Persistence;

/// <summary>
/// The node's journal and snapshot store, shared by all its event-sourced actors, with one
/// group-commit writer in front of the journal. Chosen in HOCON (<c>actorbroker.persistence</c>);
/// closed when the actor system terminates.
/// </summary>
public sealed class Persistence
{
    private readonly Lazy<Task> _initialized;

    private Persistence(ActorSystem system, IJournalStore journal, ISnapshotStore snapshotStore)
    {
        Settings = new PersistenceSettings(system.Config);
        Journal = journal;
        SnapshotStore = snapshotStore;
        Batcher = new JournalWriteBatcher(journal, Settings.Batching);
        _initialized = new Lazy<Task>(InitializeAsync);
        var log = system.LoggerFactory.CreateLogger<Persistence>();
        system.RegisterOnTermination(() => CloseAsync(log).GetAwaiter().GetResult());
    }

    public PersistenceSettings Settings { get; }

    public IJournalStore Journal { get; }

    public ISnapshotStore SnapshotStore { get; }

    /// <summary>Coalesces writes from all actors of this node into one transaction per batch.</summary>
    public JournalWriteBatcher Batcher { get; }

    /// <summary>The persistence of <paramref name="system"/>, created from its configuration on first use.</summary>
    public static Persistence Get(ActorSystem system) =>
        system.GetOrAddExtension(s =>
        {
            var settings = new PersistenceSettings(s.Config);
            return new Persistence(s, CreateJournal(settings, s.LoggerFactory), CreateSnapshotStore(settings));
        });

    /// <summary>Makes <paramref name="system"/> use these stores (e.g. a shared in-memory store in tests). Call before any persistent actor starts.</summary>
    public static Persistence Use(ActorSystem system, IJournalStore journal, ISnapshotStore snapshotStore)
    {
        var persistence = system.GetOrAddExtension(s => new Persistence(s, journal, snapshotStore));
        if (!ReferenceEquals(persistence.Journal, journal))
            throw new InvalidOperationException("Persistence was already started on this actor system with other stores");
        return persistence;
    }

    /// <summary>Creates tables where configured; runs once, before the first recovery.</summary>
    public Task EnsureInitializedAsync() => _initialized.Value;

    private async Task InitializeAsync()
    {
        await Journal.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        await SnapshotStore.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task CloseAsync(ILogger log)
    {
        try
        {
            await Batcher.DisposeAsync().ConfigureAwait(false);
            await Journal.DisposeAsync().ConfigureAwait(false);
            await SnapshotStore.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            log.LogError(e, "Closing the journal or snapshot store failed");
        }
    }

    private static IJournalStore CreateJournal(PersistenceSettings settings, ILoggerFactory loggers) => settings.JournalPlugin switch
    {
        "sqlite" => new SqliteJournalStore(settings.Sqlite, loggers.CreateLogger<SqliteJournalStore>()),
        "postgresql" => new PostgreSqlJournalStore(RequireConnectionString(settings)),
        "inmem" => new InMemoryJournalStore(),
        var typeName => CreateCustom<IJournalStore>(typeName, settings, "journal.plugin"),
    };

    private static ISnapshotStore CreateSnapshotStore(PersistenceSettings settings) => settings.SnapshotPlugin switch
    {
        "sqlite" => new SqliteSnapshotStore(settings.Sqlite),
        "postgresql" => new PostgreSqlSnapshotStore(RequireConnectionString(settings)),
        "inmem" => new InMemorySnapshotStore(),
        var typeName => CreateCustom<ISnapshotStore>(typeName, settings, "snapshot-store.plugin"),
    };

    private static PostgreSqlStoreOptions RequireConnectionString(PersistenceSettings settings) =>
        string.IsNullOrWhiteSpace(settings.PostgreSql.ConnectionString)
            ? throw new ConfigException("actorbroker.persistence.postgresql.connection-string",
                "The postgresql plugin needs actorbroker.persistence.postgresql.connection-string, e.g. \"Host=127.0.0.1;Port=5432;Username=broker;Database=broker\"")
            : settings.PostgreSql;

    /// <summary>A store of your own: its type needs a public constructor taking the <c>actorbroker.persistence</c> Config.</summary>
    private static T CreateCustom<T>(string typeName, PersistenceSettings settings, string key)
    {
        var type = Type.GetType(typeName, throwOnError: false)
            ?? throw new ConfigException($"actorbroker.persistence.{key}",
                $"actorbroker.persistence.{key} is '{typeName}': not sqlite, postgresql or inmem, and no such type was found");
        if (!typeof(T).IsAssignableFrom(type))
            throw new ConfigException($"actorbroker.persistence.{key}", $"'{type.FullName}' does not implement {typeof(T).Name}");
        var constructor = type.GetConstructor([typeof(Config)])
            ?? throw new ConfigException($"actorbroker.persistence.{key}", $"'{type.FullName}' needs a public constructor taking a Config");
        return (T)constructor.Invoke([settings.Section]);
    }
}
