using Akka.Configuration;

namespace ActorBroker.Journal.Settings;

/// <summary>The journal's settings, read once from its HOCON section (defaults in <c>reference.conf</c>).</summary>
internal sealed record SqliteJournalSettings(
    SqliteFileSettings File,
    int MaxBatchSize,
    int QueueCapacity,
    TimeSpan CheckpointInterval,
    int WalAutoCheckpointPages)
{
    /// <param name="section">The plugin's section; keys it leaves out come from the embedded defaults.</param>
    /// <param name="path">The section's config path, named in error messages.</param>
    public static SqliteJournalSettings Create(Config section, string path)
    {
        var reader = new SettingsReader(
            section.WithFallback(ActorBrokerJournal.DefaultConfiguration().GetConfig(ActorBrokerJournal.JournalPath)), path);
        return new SqliteJournalSettings(
            SqliteFileSettings.Read(reader),
            reader.PositiveInt("max-batch-size"),
            reader.PositiveInt("queue-capacity"),
            reader.Duration("checkpoint-interval", allowZero: true),
            reader.PositiveInt("wal-autocheckpoint-pages"));
    }
}
