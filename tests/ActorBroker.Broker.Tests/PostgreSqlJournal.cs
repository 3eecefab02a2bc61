using Akka.Configuration;
using ActorBroker.Testing;
using Akka.Persistence.Sql;

namespace ActorBroker.Broker.Tests;

/// <summary>Akka.Persistence.Sql on PostgreSQL, the journal a deployment selects in HOCON when nodes keep their logs on a database server.</summary>
internal static class PostgreSqlJournal
{
    public static Config On(string connectionString) => ConfigurationFactory.ParseString($$"""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.sql"
            sql { connection-string = "{{connectionString}}", provider-name = "PostgreSQL.15", auto-initialize = on }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.sql"
            sql { connection-string = "{{connectionString}}", provider-name = "PostgreSQL.15", auto-initialize = on }
          }
        }
        """).WithFallback(SqlPersistence.DefaultConfiguration);
}
