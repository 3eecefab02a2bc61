using ActorBroker.Journal.Tests.Support;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorBroker.Journal.Tests;

/// <summary>What lands on disk: one WAL-mode journal file per node, a sibling snapshot file, and WAL checkpoints off the commit path.</summary>
public sealed class StorageSpec(ITestOutputHelper output) : JournalTestKit(output)
{
    [Fact]
    public void The_journal_is_one_database_file_in_WAL_mode_and_snapshots_are_a_sibling_file()
    {
        WriteEvents("partition-0", 1, 2);
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata("partition-0", 2, DateTime.UtcNow), "state"), TestActor);
        ExpectMsg<SaveSnapshotSuccess>();

        Assert.Equal("wal", JournalModeOf("journal.db"));
        Assert.Equal("wal", JournalModeOf("snapshots.db"));
        Assert.Equal(["journal.db", "snapshots.db"], System.IO.Directory.GetFiles(Directory, "*.db").Select(Path.GetFileName).Order());
    }

    [Fact]
    public void The_background_checkpointer_copies_committed_pages_from_the_WAL_into_the_database_file()
    {
        WriteEvents("partition-0", 1, 20);

        AwaitAssert(
            () =>
            {
                Journal.Tell(GetJournalStats.Instance);
                Assert.True(ExpectMsg<JournalStats>().WalFramesCheckpointed > 0);
            },
            TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(100));
    }

    private string JournalModeOf(string fileName)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(Directory, fileName)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        return (string)command.ExecuteScalar()!;
    }
}
