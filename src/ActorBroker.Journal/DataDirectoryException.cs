namespace ActorBroker.Journal;

/// <summary>A SQLite plugin's data directory cannot be created or written; the message names the directory and the setting.</summary>
public sealed class DataDirectoryException(string directory, string key, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The directory, as a full path.</summary>
    public string Directory { get; } = directory;

    /// <summary>The setting that names it, e.g. <c>actorbroker.persistence.journal.sqlite.data-directory</c>.</summary>
    public string Key { get; } = key;
}
