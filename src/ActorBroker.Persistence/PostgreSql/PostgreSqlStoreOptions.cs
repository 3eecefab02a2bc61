namespace ActorBroker.Persistence.PostgreSql;

/// <summary>Settings of <see cref="PostgreSqlJournalStore"/> and <see cref="PostgreSqlSnapshotStore"/>.</summary>
public sealed record PostgreSqlStoreOptions
{
    /// <summary>Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Username=broker;Database=broker</c>.</summary>
    public string ConnectionString { get; init; } = "";

    public string Schema { get; init; } = "public";

    /// <summary>Create the schema and tables on <c>InitializeAsync</c> when they do not exist.</summary>
    public bool AutoInitialize { get; init; } = true;

    public string JournalTable { get; init; } = "journal";

    public string SnapshotTable { get; init; } = "snapshot";
}
