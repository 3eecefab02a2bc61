using ActorBroker.Hocon;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.PostgreSql;
using ActorBroker.Persistence.Sqlite;

namespace ActorBroker.Persistence;

/// <summary>The <c>actorbroker.persistence</c> settings: which stores, and how writes are batched and replays chunked.</summary>
public sealed class PersistenceSettings
{
    public PersistenceSettings(Config config)
    {
        Section = config.GetConfig("actorbroker.persistence");
        JournalPlugin = Section.GetString("journal.plugin", "sqlite");
        var snapshotPlugin = Section.GetString("snapshot-store.plugin", "");
        SnapshotPlugin = snapshotPlugin.Length == 0 ? JournalPlugin : snapshotPlugin;
        ReplayChunkSize = Section.GetInt("replay-chunk-size", 1000);
        if (ReplayChunkSize < 1)
            throw new ConfigException("actorbroker.persistence.replay-chunk-size", "actorbroker.persistence.replay-chunk-size must be at least 1");
        Batching = new JournalWriteBatcherOptions
        {
            MaxBatchSize = Positive("journal.max-batch-size", Section.GetInt("journal.max-batch-size", 1000)),
            QueueCapacity = Positive("journal.queue-capacity", Section.GetInt("journal.queue-capacity", 10_000)),
            MaxBatchWait = Section.GetTimeSpan("journal.max-batch-wait", TimeSpan.Zero),
        };
        Sqlite = ReadSqlite(Section.GetConfig("sqlite"));
        PostgreSql = ReadPostgreSql(Section.GetConfig("postgresql"));
    }

    /// <summary>The whole <c>actorbroker.persistence</c> section, handed to custom store plugins.</summary>
    public Config Section { get; }

    /// <summary><c>sqlite</c>, <c>postgresql</c>, <c>inmem</c>, or the assembly-qualified type of an <see cref="IJournalStore"/>.</summary>
    public string JournalPlugin { get; }

    public string SnapshotPlugin { get; }

    /// <summary>Events read from the journal per round trip during recovery; bounds memory for long logs.</summary>
    public int ReplayChunkSize { get; }

    public JournalWriteBatcherOptions Batching { get; }

    public SqliteStoreOptions Sqlite { get; }

    public PostgreSqlStoreOptions PostgreSql { get; }

    private static SqliteStoreOptions ReadSqlite(Config c)
    {
        var defaults = new SqliteStoreOptions();
        var synchronous = c.GetString("synchronous", "NORMAL").ToUpperInvariant() switch
        {
            "NORMAL" => SqliteSynchronousMode.Normal,
            "FULL" => SqliteSynchronousMode.Full,
            var other => throw new ConfigException("actorbroker.persistence.sqlite.synchronous",
                $"actorbroker.persistence.sqlite.synchronous is '{other}'; expected NORMAL or FULL"),
        };
        return defaults with
        {
            DataDirectory = c.GetString("data-directory", defaults.DataDirectory),
            FileName = c.GetString("file-name", defaults.FileName),
            Synchronous = synchronous,
            AutoInitialize = c.GetBoolean("auto-initialize", defaults.AutoInitialize),
            JournalTable = c.GetString("journal-table", defaults.JournalTable),
            SnapshotTable = c.GetString("snapshot-table", defaults.SnapshotTable),
            BusyTimeout = c.GetTimeSpan("busy-timeout", defaults.BusyTimeout),
            CheckpointInterval = NotNegative("sqlite.checkpoint-interval", c.GetTimeSpan("checkpoint-interval", defaults.CheckpointInterval)),
            WalAutoCheckpointPages = Positive("sqlite.wal-autocheckpoint", c.GetInt("wal-autocheckpoint", defaults.WalAutoCheckpointPages)),
        };
    }

    private static PostgreSqlStoreOptions ReadPostgreSql(Config c)
    {
        var defaults = new PostgreSqlStoreOptions();
        return defaults with
        {
            ConnectionString = c.GetString("connection-string", defaults.ConnectionString),
            Schema = c.GetString("schema", defaults.Schema),
            AutoInitialize = c.GetBoolean("auto-initialize", defaults.AutoInitialize),
            JournalTable = c.GetString("journal-table", defaults.JournalTable),
            SnapshotTable = c.GetString("snapshot-table", defaults.SnapshotTable),
        };
    }

    private static TimeSpan NotNegative(string key, TimeSpan value) => value >= TimeSpan.Zero
        ? value
        : throw new ConfigException($"actorbroker.persistence.{key}", $"actorbroker.persistence.{key} must not be negative but is {value}");

    private static int Positive(string key, int value) => value >= 1
        ? value
        : throw new ConfigException($"actorbroker.persistence.{key}", $"actorbroker.persistence.{key} must be at least 1 but is {value}");
}
