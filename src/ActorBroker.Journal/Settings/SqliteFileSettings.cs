namespace ActorBroker.Journal.Settings;

/// <summary>Where a SQLite database lives and how its connections behave; shared by the journal and the snapshot store.</summary>
internal sealed record SqliteFileSettings(string DataDirectory, string FileName, SynchronousMode Synchronous, TimeSpan BusyTimeout)
{
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));

    public static SqliteFileSettings Read(SettingsReader reader) => new(
        reader.NonEmptyString("data-directory"),
        reader.NonEmptyString("file-name"),
        reader.Synchronous("synchronous"),
        reader.Duration("busy-timeout", allowZero: false));
}
