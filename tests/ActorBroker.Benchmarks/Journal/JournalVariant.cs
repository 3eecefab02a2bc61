using System.Globalization;
using ActorBroker.Journal;
using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ActorBroker.Benchmarks.Journal;

/// <summary>
/// A journal under test and the ActorSystem config selecting it on a fresh SQLite file in a given directory. Every
/// variant's database is in WAL mode; Akka.Persistence.Sql (linq2db over Microsoft.Data.Sqlite) offers no hook to set
/// <c>PRAGMA synchronous</c>, so it runs at SQLite's default FULL, next to ActorBroker.Journal at both NORMAL and FULL.
/// </summary>
internal sealed record JournalVariant(string Name, string Description, Func<string, string> PluginConfig)
{
    public static readonly IReadOnlyList<JournalVariant> All =
    [
        new("ab-normal", "ActorBroker.Journal, synchronous=NORMAL", dir => Ours(dir, "normal")),
        new("ab-full", "ActorBroker.Journal, synchronous=FULL", dir => Ours(dir, "full")),
        new("sql-best", "Akka.Persistence.Sql SQLite.MS, WAL, multirow params, parallelism 1, batch 400", dir => Sql(dir, true, 1, 400)),
        new("sql-default", "Akka.Persistence.Sql SQLite.MS, WAL, its defaults (parallelism 3, batch 100)", dir => Sql(dir, false, 3, 100)),
    ];

    public bool IsOurs => Name.StartsWith("ab-", StringComparison.Ordinal);

    public Config SystemConfig(string directory) =>
        ConfigurationFactory.ParseString($"""
            akka.loglevel = WARNING
            akka.persistence.snapshot-store.plugin = "akka.persistence.no-snapshot-store"
            {PluginConfig(directory)}
            """)
            .WithFallback(ActorBrokerJournal.DefaultConfiguration())
            .WithFallback(SqlPersistence.DefaultConfiguration);

    private static string Ours(string directory, string synchronous) => $"""
        akka.persistence.journal.plugin = "{ActorBrokerJournal.JournalPath}"
        {ActorBrokerJournal.JournalPath} {"{"}
          data-directory = "{directory}"
          synchronous = {synchronous}
        {"}"}
        """;

    private static string Sql(string directory, bool multirowParameters, int parallelism, int batchSize) => string.Create(
        CultureInfo.InvariantCulture, $"""
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.journal.sql {"{"}
          connection-string = "Data Source={Path.Combine(directory, "sql.db")}"
          provider-name = "SQLite.MS"
          prefer-parameters-on-multirow-insert = {(multirowParameters ? "true" : "false")}
          parallelism = {parallelism}
          batch-size = {batchSize}
          db-round-trip-max-batch-size = {Math.Max(1000, batchSize)}
          auto-initialize = true
        {"}"}
        """);
}
