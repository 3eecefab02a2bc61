using Akka.Configuration;

namespace ActorBroker.Journal.Tests;

/// <summary>
/// A node checks its data directories before it starts. The unwritable paths are ones root cannot write either (tests
/// may run as root, which chmod does not stop): a directory under a regular file, and one in /proc.
/// </summary>
public sealed class DataDirectoryCheckSpec : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("actorbroker-datadir-").FullName;

    [Fact]
    public void A_data_directory_under_a_regular_file_fails_naming_the_directory_and_the_journal_key()
    {
        var file = Path.Combine(_scratch, "a-file");
        File.WriteAllText(file, "");
        var directory = Path.Combine(file, "data");

        var error = Assert.Throws<DataDirectoryException>(() => ActorBrokerJournal.CheckDataDirectories(Selecting(directory)));

        Assert.Equal(directory, error.Directory);
        Assert.Equal("actorbroker.persistence.journal.sqlite.data-directory", error.Key);
        Assert.Contains(directory, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_data_directory_in_proc_fails_even_for_root()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc is Linux's; the project's CI runs there
        Assert.Throws<DataDirectoryException>(() => ActorBrokerJournal.CheckDataDirectories(Selecting("/proc/actorbroker-data")));
    }

    [Fact]
    public void A_missing_data_directory_is_created_and_left_empty()
    {
        var directory = Path.Combine(_scratch, "new", "data");

        ActorBrokerJournal.CheckDataDirectories(Selecting(directory));

        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public void A_data_directory_of_a_plugin_the_node_does_not_use_is_not_checked()
    {
        var config = ConfigurationFactory.ParseString($"""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            {ActorBrokerJournal.JournalPath}.data-directory = "/proc/actorbroker-data"
            """);

        ActorBrokerJournal.CheckDataDirectories(config);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static Config Selecting(string directory) => ConfigurationFactory.ParseString($"""
        akka.persistence.journal.plugin = "{ActorBrokerJournal.JournalPath}"
        akka.persistence.snapshot-store.plugin = "{ActorBrokerJournal.SnapshotStorePath}"
        {ActorBrokerJournal.JournalPath}.data-directory = "{directory}"
        {ActorBrokerJournal.SnapshotStorePath}.data-directory = "{directory}"
        """);
}
