using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Persistence.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file from a thread of its own, every
/// <see cref="SqliteStoreOptions.CheckpointInterval"/>. Left to itself, SQLite checkpoints inside the commit that
/// pushes the WAL past <c>wal_autocheckpoint</c> pages, so that commit (and every append waiting behind it) also pays
/// for copying megabytes and syncing the file. A PASSIVE checkpoint takes no writer lock: commits go on meanwhile.
/// The writer keeps <see cref="SqliteStoreOptions.WalAutoCheckpointPages"/> as a fallback bound on the WAL in case
/// this thread falls behind.
/// </summary>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly TimeSpan _interval;
    private readonly ILogger _log;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private long _checkpoints;
    private long _framesCopied;
    private bool _failing;

    private SqliteWalCheckpointer(SqliteConnection connection, TimeSpan interval, ILogger log)
    {
        _connection = connection;
        _interval = interval;
        _log = log;
        _checkpoint = connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-wal-checkpointer" };
    }

    /// <summary>Checkpoints that ran so far (including those that found nothing to copy).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>WAL frames copied into the database file so far.</summary>
    public long FramesCopied => Interlocked.Read(ref _framesCopied);

    /// <summary>Opens the checkpointer's connection and starts its thread.</summary>
    public static SqliteWalCheckpointer Start(SqliteConnections connections, TimeSpan interval, ILogger log)
    {
        var checkpointer = new SqliteWalCheckpointer(connections.OpenCheckpointer(), interval, log);
        checkpointer._thread.Start();
        return checkpointer;
    }

    private void Run()
    {
        while (!_stop.Wait(_interval)) CheckpointOnce();
    }

    private void CheckpointOnce()
    {
        try
        {
            // One row: busy (1 when a reader or writer kept it from finishing), frames in the WAL, frames copied.
            using var reader = _checkpoint.ExecuteReader();
            reader.Read();
            var walFrames = reader.GetInt64(1);
            var copied = reader.GetInt64(2);
            Interlocked.Increment(ref _checkpoints);
            // The counters restart with the WAL; what matters is that frames keep being copied.
            if (copied > 0) Interlocked.Add(ref _framesCopied, copied);
            if (_failing)
            {
                _failing = false;
                _log.LogInformation("SQLite WAL checkpoints work again ({Copied} of {Frames} frames copied)", copied, walFrames);
            }
        }
        catch (SqliteException e) when (!_stop.IsSet)
        {
            // Not fatal: the writer's own wal_autocheckpoint still bounds the WAL. Logged once per failing stretch.
            if (_failing) return;
            _failing = true;
            _log.LogWarning(e, "SQLite WAL checkpoint failed; the journal's writer checkpoints by itself until this recovers");
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _checkpoint.Dispose();
        _connection.Dispose();
        _stop.Dispose();
    }
}
