using Npgsql;

namespace ActorBroker.Persistence.PostgreSql;

/// <summary>Data source creation and DDL shared by the PostgreSQL stores.</summary>
internal static class PostgreSqlSchema
{
    /// <summary>Unique key violation: the (persistence_id, sequence_nr) already exists.</summary>
    public const string UniqueViolation = "23505";

    public static NpgsqlDataSource CreateDataSource(PostgreSqlStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("A PostgreSQL connection string is required.", nameof(options));
        }

        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The journal runs the same few statements all the time: let Npgsql keep them prepared.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        return builder.Build();
    }

    /// <summary>Whether a server error concerns the rows of one write (data or integrity) rather than the store.</summary>
    public static bool IsWriteLevel(PostgresException ex) =>
        ex.SqlState.StartsWith("23", StringComparison.Ordinal) || ex.SqlState.StartsWith("22", StringComparison.Ordinal);

    public static async Task CreateAsync(NpgsqlDataSource dataSource, string quotedSchema, string tableDdl, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Concurrent CREATE ... IF NOT EXISTS can still collide in the catalog; serialize them.
        command.CommandText = $"""
            SELECT pg_advisory_xact_lock(hashtext('actorbroker.persistence.schema'));
            CREATE SCHEMA IF NOT EXISTS {quotedSchema};
            {tableDdl}
            """;
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        await transaction.CommitAsync(ct).ConfigureAwait(false);
    }
}
