using Akka.Configuration;
using Akka.Persistence.Sql;

namespace ActorBroker.Broker.Tests;

/// <summary>
/// Akka.Persistence.Sql on a SQLite file (provider SQLite.MS): unlike the in-memory journal, what one actor system
/// stored is there for the next one on the same file, so tests can restart a node with its data.
/// </summary>
internal static class SqliteJournal
{
    public static Config On(string databaseFile) => ConfigurationFactory.ParseString($$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql { connection-string = "Data Source={{databaseFile.Replace("\\", "/", StringComparison.Ordinal)}}", provider-name = "SQLite.MS", auto-initialize = on }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql { connection-string = "Data Source={{databaseFile.Replace("\\", "/", StringComparison.Ordinal)}}", provider-name = "SQLite.MS", auto-initialize = on }
          }
        }
        """).WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>A database file in a directory of its own under the temp directory; delete the directory after the test.</summary>
    public static string NewDatabaseFile() =>
        Path.Combine(Path.GetTempPath(), "actorbroker-tests", Guid.NewGuid().ToString("N"), "journal.db");
}
