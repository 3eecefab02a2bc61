using ActorBroker.Hocon;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Tck;

namespace ActorBroker.Persistence.Tests.Stores;

/// <summary>
/// The background WAL checkpointer: it copies committed rows into the database file while the journal goes on writing,
/// so commits never carry a checkpoint. The writer's own wal-autocheckpoint is set out of reach here, so only the
/// background thread can move rows out of the WAL.
/// </summary>
public sealed class SqliteCheckpointTests : TestKit.TestKit, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly TempDataDirectory _dir = new();

    private SqliteStoreOptions Options(TimeSpan checkpointInterval) =>
        _dir.Options() with { CheckpointInterval = checkpointInterval, WalAutoCheckpointPages = 1_000_000 };

    [Fact]
    public async Task The_background_checkpointer_moves_committed_rows_into_the_database_file()
    {
        var options = Options(TimeSpan.FromMilliseconds(20));
        await using var store = new SqliteJournalStore(options);
        await store.InitializeAsync(CancellationToken.None);
        var emptySize = new FileInfo(options.DatabasePath).Length;
        var pid = TestEvents.NewPersistenceId();

        await WriteManyAsync(store, pid);

        Assert.NotNull(store.Checkpointer);
        await AwaitConditionAsync(() => store.Checkpointer!.FramesCopied > 0 && new FileInfo(options.DatabasePath).Length > emptySize + 256 * 1024,
            Patience, message: "the checkpointer never copied the rows into the database file");
        Assert.Equal(2000, await CountAsync(store, pid));
    }

    [Fact]
    public async Task Without_the_checkpointer_the_rows_stay_in_the_wal_until_the_writer_checkpoints()
    {
        var options = Options(TimeSpan.Zero);
        await using var store = new SqliteJournalStore(options);
        await store.InitializeAsync(CancellationToken.None);
        var emptySize = new FileInfo(options.DatabasePath).Length;
        var pid = TestEvents.NewPersistenceId();

        await WriteManyAsync(store, pid);

        Assert.Null(store.Checkpointer);
        Assert.Equal(emptySize, new FileInfo(options.DatabasePath).Length);
        Assert.True(new FileInfo(options.DatabasePath + "-wal").Length > 256 * 1024);
        Assert.Equal(2000, await CountAsync(store, pid));
    }

    [Fact]
    public async Task Rows_written_while_the_checkpointer_runs_are_all_there_after_the_store_is_reopened()
    {
        var options = Options(TimeSpan.FromMilliseconds(1));
        var pid = TestEvents.NewPersistenceId();
        await using (var store = new SqliteJournalStore(options))
        {
            await store.InitializeAsync(CancellationToken.None);
            await WriteManyAsync(store, pid);
        }

        await using var reopened = new SqliteJournalStore(options);
        await reopened.InitializeAsync(CancellationToken.None);
        Assert.Equal(2000, await CountAsync(reopened, pid));
        Assert.Equal(2000, await reopened.ReadHighestSequenceNrAsync(pid, 0, CancellationToken.None));
    }

    [Theory]
    [InlineData("checkpoint-interval = -1s", "actorbroker.persistence.sqlite.checkpoint-interval")]
    [InlineData("wal-autocheckpoint = 0", "actorbroker.persistence.sqlite.wal-autocheckpoint")]
    public void Bad_checkpoint_settings_are_configuration_errors_naming_the_key(string setting, string key)
    {
        var error = Assert.Throws<ConfigException>(() => new PersistenceSettings(ConfigurationFactory.ParseString($"actorbroker.persistence.sqlite.{setting}")));
        Assert.Equal(key, error.Path);
    }

    [Fact]
    public void Checkpoint_settings_are_read_from_hocon_with_the_documented_defaults()
    {
        var defaults = new PersistenceSettings(ConfigurationFactory.ParseString("")).Sqlite;
        Assert.Equal((TimeSpan.FromMilliseconds(100), 16_384), (defaults.CheckpointInterval, defaults.WalAutoCheckpointPages));
        var set = new PersistenceSettings(ConfigurationFactory.ParseString("actorbroker.persistence.sqlite { checkpoint-interval = 0, wal-autocheckpoint = 1000 }")).Sqlite;
        Assert.Equal((TimeSpan.Zero, 1000), (set.CheckpointInterval, set.WalAutoCheckpointPages));
    }

    // 2000 events of 100 bytes in 20 commits: more than 256 KiB of WAL pages.
    private static async Task WriteManyAsync(IJournalStore store, string pid)
    {
        for (var from = 1; from <= 2000; from += 100)
        {
            var results = await store.WriteAsync([TestEvents.WriteRange(pid, from, from + 99)], CancellationToken.None);
            Assert.All(results, Assert.Null);
        }
    }

    private static async Task<int> CountAsync(IJournalStore store, string pid)
    {
        var count = 0;
        await foreach (var unused in store.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, CancellationToken.None)) count++;
        return count;
    }

    void IDisposable.Dispose()
    {
        Dispose();
        _dir.Dispose();
    }
}
