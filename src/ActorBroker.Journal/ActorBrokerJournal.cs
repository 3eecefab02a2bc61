using Akka.Configuration;

namespace ActorBroker.Journal;

/// <summary>
/// Entry point for configuring the SQLite journal and snapshot store: their default HOCON and config paths.
/// </summary>
public static class ActorBrokerJournal
{
    /// <summary>Config path of the journal plugin (the value for <c>akka.persistence.journal.plugin</c>).</summary>
    public const string JournalPath = "actorbroker.persistence.journal.sqlite";

    /// <summary>Config path of the snapshot store plugin (the value for <c>akka.persistence.snapshot-store.plugin</c>).</summary>
    public const string SnapshotStorePath = "actorbroker.persistence.snapshot-store.sqlite";

    private static readonly Lazy<Config> _defaults = new(
        () => ConfigurationFactory.FromResource("ActorBroker.Journal.reference.conf", typeof(ActorBrokerJournal).Assembly));

    /// <summary>
    /// The plugin's embedded <c>reference.conf</c>; add it as a fallback to the ActorSystem's config so the plugin paths
    /// resolve. Each plugin also falls back to it for settings its own section leaves out.
    /// </summary>
    public static Config DefaultConfiguration() => _defaults.Value;

    /// <summary>
    /// Checks that the data directory of the journal and of the snapshot store, where <paramref name="config"/> selects
    /// them, exists or can be created and takes a file; call it before a node starts, so a read-only or misnamed
    /// directory stops it at once rather than failing its first writes.
    /// </summary>
    /// <exception cref="DataDirectoryException">A directory cannot be written; the message names it and its setting.</exception>
    /// <exception cref="ConfigurationException">A selected plugin's data-directory is missing or empty.</exception>
    public static void CheckDataDirectories(Config config) => Settings.DataDirectoryCheck.Run(config.WithFallback(DefaultConfiguration()));
}
