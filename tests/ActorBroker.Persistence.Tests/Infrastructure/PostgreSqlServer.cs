using ActorBroker.Testing;

namespace ActorBroker.Persistence.Tests.Infrastructure;

/// <summary>Skips the PostgreSQL store tests, visibly, when the server binaries are missing.</summary>
public sealed class RequiresPostgreSqlAttribute : StoreSkipConditionAttribute
{
    public override string? SkipReason => PostgreSqlBinaries.Directory is null
        ? "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or via pg_config --bindir"
        : null;
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "PostgreSQL server";
}

/// <summary>
/// One throwaway, non-durable PostgreSQL server for the whole test run. If the binaries exist but the
/// server does not start, initialization throws with its log, which fails every test of the collection.
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private readonly ThrowawayPostgreSqlServer _server = new(durable: false);

    public string ConnectionString => _server.ConnectionString;

    public Task InitializeAsync() =>
        PostgreSqlBinaries.Directory is null
            ? Task.CompletedTask // the tests are skipped by RequiresPostgreSqlAttribute
            : _server.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
