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
}
