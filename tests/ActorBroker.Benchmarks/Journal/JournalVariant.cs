using System.Data.Common;
using System.Globalization;
using ActorBroker.Journal;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;

namespace ActorBroker.Benchmarks.Journal;

/// <summary>
/// A journal under test and how to start an ActorSystem on it with a fresh SQLite file in a given directory. Every
/// database is in WAL mode. Akka.Persistence.Sql has no setting for <c>PRAGMA synchronous</c> (SQLite's default is
/// FULL); its NORMAL variants set it on every connection linq2db opens, through a <see cref="DataOptionsSetup"/>.
/// </summary>
internal sealed record JournalVariant(string Name, string Description, string PluginConfig, DataOptions? SqlDataOptions = null)
{
    public bool IsOurs => Name.StartsWith("ab-", StringComparison.Ordinal);

    /// <summary>The journals the harness knows; <paramref name="sqlBatchSize"/> and <paramref name="sqlParallelism"/> tune the tuned Sql variants.</summary>
    public static IReadOnlyList<JournalVariant> All(string directory, int sqlBatchSize, int sqlParallelism)
    {
        var sqlPath = Path.Combine(directory, "sql.db");
        var tuned = $"multirow params, parallelism {sqlParallelism}, batch {sqlBatchSize}";
        return
        [
            new("ab-normal", "ActorBroker.Journal, NORMAL", Ours(directory, "normal")),
            new("ab-full", "ActorBroker.Journal, FULL", Ours(directory, "full")),
            new("sql-normal", $"Akka.Persistence.Sql, NORMAL, {tuned}", Sql(sqlPath, true, sqlParallelism, sqlBatchSize), SynchronousNormal(sqlPath)),
            new("sql-full", $"Akka.Persistence.Sql, FULL, {tuned}", Sql(sqlPath, true, sqlParallelism, sqlBatchSize)),
            new("sql-default", "Akka.Persistence.Sql, FULL, its defaults (parallelism 3, batch 100)", Sql(sqlPath, false, 3, 100)),
        ];
    }

    public ActorSystem Start(string systemName)
    {
        var config = ConfigurationFactory.ParseString($"""
                akka.loglevel = WARNING
                akka.persistence.snapshot-store.plugin = "akka.persistence.no-snapshot-store"
                {PluginConfig}
                """)
            .WithFallback(ActorBrokerJournal.DefaultConfiguration())
            .WithFallback(SqlPersistence.DefaultConfiguration);
        var setup = BootstrapSetup.Create().WithConfig(config);
        return SqlDataOptions is null
            ? ActorSystem.Create(systemName, setup)
            : ActorSystem.Create(systemName, setup.And(new DataOptionsSetup(SqlDataOptions)));
    }

    private static string Ours(string directory, string synchronous) => $$"""
        akka.persistence.journal.plugin = "{{ActorBrokerJournal.JournalPath}}"
        {{ActorBrokerJournal.JournalPath}} {
          data-directory = "{{directory}}"
          synchronous = {{synchronous}}
        }
        """;

    private static string Sql(string path, bool multirowParameters, int parallelism, int batchSize) => string.Create(
        CultureInfo.InvariantCulture, $$"""
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.journal.sql {
          connection-string = "Data Source={{path}}"
          provider-name = "{{ProviderName.SQLiteMS}}"
          prefer-parameters-on-multirow-insert = {{(multirowParameters ? "true" : "false")}}
          parallelism = {{parallelism}}
          batch-size = {{batchSize}}
          db-round-trip-max-batch-size = {{Math.Max(1000, batchSize)}}
        }
        """);

    private static DataOptions SynchronousNormal(string path) => new DataOptions()
        .UseConnectionString(ProviderName.SQLiteMS, $"Data Source={path}")
        .UseAfterConnectionOpened(SetSynchronousNormal, (connection, _) =>
        {
            SetSynchronousNormal(connection);
            return Task.CompletedTask;
        });

    private static void SetSynchronousNormal(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL";
        command.ExecuteNonQuery();
    }
}
