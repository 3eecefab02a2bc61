using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Infrastructure;
using ActorBroker.Persistence.Tests.Tck;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Persistence.Tests.Stores;

/// <summary>A fresh data directory per test, deleted afterwards.</summary>
internal sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "actorbroker-sqlite-" + Guid.NewGuid().ToString("N")[..12], "node");

    public SqliteStoreOptions Options(SqliteSynchronousMode synchronous = SqliteSynchronousMode.Normal) =>
        new() { DataDirectory = Path, Synchronous = synchronous };

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        var root = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

public sealed class SqliteJournalStoreTests : JournalStoreSpec
{
    private readonly TempDataDirectory _dir = new();

    protected override async Task<IJournalStore> CreateStoreCoreAsync()
    {
        var store = new SqliteJournalStore(_dir.Options());
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override Task PlantCorruptRowAsync(string persistenceId, long sequenceNr) =>
        ExecuteRawAsync(
            "INSERT INTO journal (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload, deleted) VALUES ($pid, $seq, 1, 'm', -1, x'00', 0)",
            persistenceId, sequenceNr);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }

    private async Task ExecuteRawAsync(string sql, string persistenceId, long sequenceNr)
    {
        await using var connection = new SqliteConnection($"Data Source={_dir.Options().DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pid", persistenceId);
        command.Parameters.AddWithValue("$seq", sequenceNr);
        await command.ExecuteNonQueryAsync();
    }

    [StoreFact]
    public async Task Payload_stored_as_text_is_reported_as_corruption()
    {
        var store = await CreateStoreAsync();
        var pid = TestEvents.NewPersistenceId();
        await ExecuteRawAsync(
            "INSERT INTO journal (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload, deleted) VALUES ($pid, $seq, 1, 'm', 1, 'not a blob', 0)",
            pid, 1);

        var ex = await Assert.ThrowsAsync<JournalCorruptionException>(async () =>
        {
            await foreach (var unused in store.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue, CancellationToken.None))
            {
            }
        });

        Assert.Equal(1, ex.SequenceNr);
        Assert.Contains("blob", ex.Message, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task Database_is_created_in_the_data_directory_in_WAL_mode_with_the_configured_synchronous_level()
    {
        var options = _dir.Options(SqliteSynchronousMode.Full);
        await using var store = new SqliteJournalStore(options);
        await store.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(options.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={options.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [StoreFact]
    public async Task Journal_and_snapshot_store_share_one_database_file()
    {
        var options = _dir.Options();
        var journal = await CreateStoreAsync();
        await using var snapshots = new SqliteSnapshotStore(options);
        await snapshots.InitializeAsync(CancellationToken.None);
        var pid = TestEvents.NewPersistenceId();

        await WriteOk(journal, TestEvents.WriteRange(pid, 1, 3));
        await snapshots.SaveAsync(new SnapshotMetadata(pid, 3, 1), "s", 1, new byte[] { 1, 2, 3 }, CancellationToken.None);

        Assert.Equal(3, (await ReplayAll(journal, pid)).Count);
        Assert.NotNull(await snapshots.LoadAsync(pid, SnapshotSelectionCriteria.Latest, CancellationToken.None));
        Assert.Single(Directory.GetFiles(_dir.Path, "*.db"));
    }
}

public sealed class SqliteSnapshotStoreTests : SnapshotStoreSpec
{
    private readonly TempDataDirectory _dir = new();

    protected override async Task<ISnapshotStore> CreateStoreCoreAsync()
    {
        var store = new SqliteSnapshotStore(_dir.Options());
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }
}
