using Akka.Event;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Journal.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file from a thread of its own. Left to itself, SQLite
/// checkpoints inside the commit that pushes the WAL past <c>wal_autocheckpoint</c> pages, so that commit (and every
/// write queued behind it) also pays for copying megabytes and syncing the file. A PASSIVE checkpoint takes no
/// writer lock: commits go on meanwhile.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _checkpoint;
    private readonly TimeSpan _interval;
    private readonly ILoggingAdapter _log;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private long _framesCopied;
    private bool _failing;

    private WalCheckpointer(SqliteConnection connection, TimeSpan interval, ILoggingAdapter log)
    {
        _connection = connection;
        _interval = interval;
        _log = log;
        _checkpoint = connection.CreateCommand();
        _checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        _thread = new Thread(Run) { IsBackground = true, Name = "actorbroker-journal-checkpointer" };
    }

    /// <summary>WAL frames copied into the database file so far.</summary>
    public long FramesCopied => Interlocked.Read(ref _framesCopied);

    public static WalCheckpointer Start(SqliteDatabase database, TimeSpan interval, ILoggingAdapter log)
    {
        var checkpointer = new WalCheckpointer(database.OpenCheckpointer(), interval, log);
        checkpointer._thread.Start();
        return checkpointer;
    }

    private void Run()
    {
        while (!_stop.Wait(_interval))
        {
            CheckpointOnce();
        }
    }

    private void CheckpointOnce()
    {
        try
        {
            // One row: busy flag, frames in the WAL, frames copied (the counters restart with the WAL).
            using var reader = _checkpoint.ExecuteReader();
            reader.Read();
            var copied = reader.GetInt64(2);
            if (copied > 0)
            {
                Interlocked.Add(ref _framesCopied, copied);
            }

            if (_failing)
            {
                _failing = false;
                _log.Info("SQLite WAL checkpoints work again ({0} frames copied)", copied);
            }
        }
        catch (SqliteException e) when (!_stop.IsSet)
        {
            // Not fatal: the writer's own wal_autocheckpoint still bounds the WAL. Logged once per failing stretch.
            if (!_failing)
            {
                _failing = true;
                _log.Warning(e, "SQLite WAL checkpoint failed; the journal's writer checkpoints by itself until this recovers");
            }
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
