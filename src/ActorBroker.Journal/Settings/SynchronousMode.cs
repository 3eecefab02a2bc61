namespace ActorBroker.Journal.Settings;

/// <summary>How hard SQLite syncs to disk (<c>PRAGMA synchronous</c>).</summary>
internal enum SynchronousMode
{
    /// <summary>In WAL mode: durable against process crashes; a power loss may lose the last commits.</summary>
    Normal,

    /// <summary>Every commit is synced to disk.</summary>
    Full,
}
