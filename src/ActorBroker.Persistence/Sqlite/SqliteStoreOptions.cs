namespace ActorBroker.Persistence.Sqlite;

/// <summary>How hard SQLite syncs to disk (<c>PRAGMA synchronous</c>).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>In WAL mode: durable against application crashes, a power loss may lose the last commits.</summary>
    Normal,

    /// <summary>Every commit is synced to disk.</summary>
    Full,
}

/// <summary>Settings of <see cref="SqliteJournalStore"/> and <see cref="SqliteSnapshotStore"/>.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>Directory holding the node's database file; created when missing.</summary>
    public string DataDirectory { get; init; } = "data";

    public string FileName { get; init; } = "actorbroker.db";

    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Normal;

    /// <summary>Create the tables on <c>InitializeAsync</c> when they do not exist.</summary>
    public bool AutoInitialize { get; init; } = true;

    public string JournalTable { get; init; } = "journal";

    public string SnapshotTable { get; init; } = "snapshot";

    /// <summary>How long a connection waits for a lock held by another connection.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often a background thread copies the WAL into the database file (a PASSIVE checkpoint), so that commits
    /// never wait for a checkpoint. Zero turns the thread off: SQLite then checkpoints inside the commit that finds
    /// <see cref="WalAutoCheckpointPages"/> pages in the WAL (set that to SQLite's 1000 then).
    /// </summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// WAL pages after which a commit checkpoints by itself (<c>PRAGMA wal_autocheckpoint</c>). With the background
    /// checkpointer this is only a bound in case it falls behind: 16384 pages of 4 KiB is 64 MiB.
    /// </summary>
    public int WalAutoCheckpointPages { get; init; } = 16_384;

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
