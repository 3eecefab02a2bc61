using Microsoft.Data.Sqlite;

namespace ActorBroker.Persistence.Sqlite;

/// <summary>Opens connections to the node database with the pragmas every store needs.</summary>
internal sealed class SqliteConnections
{
    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;

    /// <summary>WAL size kept on disk after a checkpoint restarts it: larger files are truncated to this.</summary>
    private const long WalSizeLimitBytes = 64L * 1024 * 1024;

    public SqliteConnections(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout runs out.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>
    /// Opens a connection that may write: WAL journal (persistent in the file), the configured
    /// synchronous level and busy timeout (both per connection).
    /// </summary>
    public async Task<SqliteConnection> OpenWriterAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_options.DatabasePath)!);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            var synchronous = _options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            var busyMs = (long)_options.BusyTimeout.TotalMilliseconds;
            // journal_size_limit: after a burst, the WAL file shrinks back once a checkpoint lets it restart.
            pragma.CommandText =
                $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyMs}; " +
                $"PRAGMA wal_autocheckpoint={_options.WalAutoCheckpointPages}; PRAGMA journal_size_limit={WalSizeLimitBytes};";
            await pragma.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens the background checkpointer's own connection, synchronously (it runs on a thread of its own).</summary>
    public SqliteConnection OpenCheckpointer()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            var synchronous = _options.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
            pragma.CommandText = $"PRAGMA synchronous={synchronous}; PRAGMA journal_size_limit={WalSizeLimitBytes};";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a (pooled) connection for reading.</summary>
    public async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Whether a SQLite error concerns the rows of one write rather than the store.</summary>
    public static bool IsConstraintViolation(SqliteException ex) => ex.SqliteErrorCode == 19; // SQLITE_CONSTRAINT

    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY or SQLITE_CONSTRAINT_UNIQUE.</summary>
    public static bool IsDuplicateKey(SqliteException ex) =>
        ex.SqliteExtendedErrorCode is 1555 or 2067;
}
