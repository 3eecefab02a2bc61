using ActorBroker.Journal.Settings;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Journal.Sqlite;

/// <summary>Opens connections to one node-local database file with the pragmas every connection needs.</summary>
internal sealed class SqliteDatabase
{
    /// <summary>WAL size kept on disk after a checkpoint restarts it: larger files are truncated to this.</summary>
    private const long WalSizeLimitBytes = 64L * 1024 * 1024;

    private readonly SqliteFileSettings _settings;
    private readonly string _connectionString;

    public SqliteDatabase(SqliteFileSettings settings)
    {
        _settings = settings;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = settings.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout runs out.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>
    /// Opens a connection that writes: WAL journal (persistent in the file), the configured synchronous level, and
    /// <paramref name="walAutoCheckpointPages"/> as the bound after which a commit checkpoints by itself.
    /// </summary>
    public SqliteConnection OpenWriter(int walAutoCheckpointPages = 1000)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_settings.DatabasePath)!);
        return Open(
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous={Synchronous}; PRAGMA busy_timeout={BusyMs}; " +
            $"PRAGMA wal_autocheckpoint={walAutoCheckpointPages}; PRAGMA journal_size_limit={WalSizeLimitBytes};");
    }

    /// <summary>Opens the background checkpointer's connection; it never commits data, but its checkpoints sync.</summary>
    public SqliteConnection OpenCheckpointer() =>
        Open($"PRAGMA synchronous={Synchronous}; PRAGMA busy_timeout={BusyMs}; PRAGMA journal_size_limit={WalSizeLimitBytes};");

    /// <summary>Opens a pooled connection for reading (WAL: readers never wait for the writer).</summary>
    public SqliteConnection OpenReader() => Open(null);

    /// <summary>Closes the pooled connections, so the file is released when the plugin stops.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY or SQLITE_CONSTRAINT_UNIQUE: a row with that key exists.</summary>
    public static bool IsDuplicateKey(SqliteException ex) => ex.SqliteExtendedErrorCode is 1555 or 2067;

    private string Synchronous => _settings.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";

    private long BusyMs => (long)_settings.BusyTimeout.TotalMilliseconds;

    private SqliteConnection Open(string? pragmas)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            if (pragmas is not null)
            {
                using var pragma = connection.CreateCommand();
                pragma.CommandText = pragmas;
                pragma.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
