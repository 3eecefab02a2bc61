using Akka.Configuration;

namespace ActorBroker.Journal.Settings;

/// <summary>The snapshot store's settings, read once from its HOCON section (defaults in <c>reference.conf</c>).</summary>
internal sealed record SqliteSnapshotStoreSettings(SqliteFileSettings File)
{
    /// <param name="section">The plugin's section; keys it leaves out come from the embedded defaults.</param>
    /// <param name="path">The section's config path, named in error messages.</param>
    public static SqliteSnapshotStoreSettings Create(Config section, string path)
    {
        var reader = new SettingsReader(
            section.WithFallback(ActorBrokerJournal.DefaultConfiguration().GetConfig(ActorBrokerJournal.SnapshotStorePath)), path);
        return new SqliteSnapshotStoreSettings(SqliteFileSettings.Read(reader));
    }
}
