using Akka.Configuration;

namespace ActorBroker.Journal.Settings;

/// <summary>
/// Whether the data directory of each SQLite plugin a node's config selects can be written. The plugins open their files
/// only when the first persistent actor needs them, on an actor's thread, where a read-only disk shows up as failing
/// partitions rather than as a node that does not start; a node checks first and stops with the directory's name.
/// </summary>
internal static class DataDirectoryCheck
{
    public static void Run(Config config)
    {
        foreach (var (selector, pluginPath) in new[]
                 {
                     ("akka.persistence.journal.plugin", ActorBrokerJournal.JournalPath),
                     ("akka.persistence.snapshot-store.plugin", ActorBrokerJournal.SnapshotStorePath),
                 })
        {
            if (config.GetString(selector, "") != pluginPath) continue;
            var key = $"{pluginPath}.data-directory";
            var directory = new SettingsReader(config.GetConfig(pluginPath) ?? Config.Empty, pluginPath).NonEmptyString("data-directory");
            Probe(Path.GetFullPath(directory), key);
        }
    }

    /// <summary>Creates <paramref name="directory"/> when missing, then writes, syncs and deletes a file in it.</summary>
    private static void Probe(string directory, string key)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-check-{Environment.ProcessId}");
            using var file = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
            file.WriteByte(0);
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DataDirectoryException(directory, key, $"The data directory {directory} ({key}) is not writable: {e.Message}", e);
        }
    }
}
