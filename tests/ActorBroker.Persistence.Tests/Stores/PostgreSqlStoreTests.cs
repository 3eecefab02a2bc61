using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.PostgreSql;
using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Infrastructure;
using ActorBroker.Persistence.Tests.Tck;
using Npgsql;

namespace ActorBroker.Persistence.Tests.Stores;

/// <summary>A fresh schema per test on the shared throwaway server.</summary>
internal static class PostgreSqlTestSchema
{
    private static int s_counter;

    public static PostgreSqlStoreOptions NewOptions(PostgreSqlServerFixture server) => new()
    {
        ConnectionString = server.ConnectionString,
        Schema = $"t{Interlocked.Increment(ref s_counter)}_{Guid.NewGuid().ToString("N")[..8]}",
    };
}

[Collection(PostgreSqlCollection.Name)]
[RequiresPostgreSql]
public sealed class PostgreSqlJournalStoreTests(PostgreSqlServerFixture server) : JournalStoreSpec
{
    private readonly PostgreSqlStoreOptions _options = PostgreSqlTestSchema.NewOptions(server);

    protected override async Task<IJournalStore> CreateStoreCoreAsync()
    {
        var store = new PostgreSqlJournalStore(_options);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    protected override async Task PlantCorruptRowAsync(string persistenceId, long sequenceNr)
    {
        await using var connection = new NpgsqlConnection(_options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"INSERT INTO \"{_options.Schema}\".journal (persistence_id, sequence_nr, timestamp, manifest, serializer_id, payload, deleted) VALUES ($1, $2, 1, 'm', -1, '\\x00', false)",
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = persistenceId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequenceNr });
        await command.ExecuteNonQueryAsync();
    }
}

[Collection(PostgreSqlCollection.Name)]
[RequiresPostgreSql]
public sealed class PostgreSqlSnapshotStoreTests(PostgreSqlServerFixture server) : SnapshotStoreSpec
{
    private readonly PostgreSqlStoreOptions _options = PostgreSqlTestSchema.NewOptions(server);

    protected override async Task<ISnapshotStore> CreateStoreCoreAsync()
    {
        var store = new PostgreSqlSnapshotStore(_options);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
