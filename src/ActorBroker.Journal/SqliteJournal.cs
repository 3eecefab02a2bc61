using System.Collections.Immutable;
using ActorBroker.Journal.GroupCommit;
using ActorBroker.Journal.Rows;
using ActorBroker.Journal.Settings;
using ActorBroker.Journal.Sqlite;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ActorBroker.Journal;

/// <summary>
/// Akka.Persistence journal in one SQLite database file per node (WAL mode). Writes from every persistent actor go
/// through one bounded queue to one writer connection, which commits them in shared transactions (group commit); a
/// background thread checkpoints the WAL. A (persistence id, sequence nr) already stored fails the write, so a second
/// incarnation of an actor stops instead of writing over the first one's history.
/// </summary>
/// <remarks>Configured under <c>actorbroker.persistence.journal.sqlite</c>; see the embedded <c>reference.conf</c>.</remarks>
public sealed class SqliteJournal : AsyncWriteJournal
{
    private readonly SqliteDatabase _database;
    private readonly JournalReader _reader;
    private readonly EventSerializer _serializer;
    private readonly JournalWriter _writer;
    private readonly GroupCommitQueue _queue;
    private readonly WalCheckpointer? _checkpointer;

    public SqliteJournal(Config config)
    {
        // Persistence names the plugin actor after its config path, which makes errors name the full key.
        var settings = SqliteJournalSettings.Create(config, Self.Path.Name);
        _database = new SqliteDatabase(settings.File);
        _reader = new JournalReader(_database);
        _serializer = new EventSerializer((ExtendedActorSystem)Context.System);
        _writer = JournalWriter.Open(_database, settings.WalAutoCheckpointPages);
        try
        {
            if (settings.CheckpointInterval > TimeSpan.Zero)
            {
                _checkpointer = WalCheckpointer.Start(_database, settings.CheckpointInterval, Context.GetLogger());
            }
        }
        catch
        {
            // PostStop does not run for an actor whose constructor failed.
            _writer.Dispose();
            throw;
        }

        _queue = new GroupCommitQueue(_writer, settings.MaxBatchSize, settings.QueueCapacity);
    }

    /// <summary>
    /// Serializes on the journal actor's thread (a serializer failure rejects only its own atomic write), then queues
    /// the rest as one all-or-nothing append.
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> (the circuit breaker's call timeout) only cancels waiting for room in a full
    /// queue: once queued, a write is committed or failed, never withdrawn.
    /// </remarks>
    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(
        IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow.Ticks;
        var rows = new List<StoredEvent>();
        Exception?[]? rejections = null;
        var writes = messages as IReadOnlyList<AtomicWrite> ?? messages.ToList();
        for (var i = 0; i < writes.Count; i++)
        {
            var events = (IImmutableList<IPersistentRepresentation>)writes[i].Payload;
            try
            {
                var serialized = events.Select(e => _serializer.ToStored(e, now)).ToList();
                rows.AddRange(serialized);
            }
#pragma warning disable CA1031 // Any serializer failure rejects the event; Akka reports it to the actor.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                rejections ??= new Exception?[writes.Count];
                rejections[i] = ex;
            }
        }

        var results = rejections?.ToImmutableList();
        return rows.Count == 0
            ? Task.FromResult<IImmutableList<Exception?>>(results!)
            : AppendAsync(new AppendEvents(rows), results, cancellationToken);
    }

    private async Task<IImmutableList<Exception?>> AppendAsync(
        AppendEvents append, IImmutableList<Exception?>? results, CancellationToken cancellationToken)
    {
        await _queue.Enqueue(append, cancellationToken).ConfigureAwait(false);
        return results!;
    }

    /// <summary>Queued behind the writes received before it, so it never overtakes them.</summary>
    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
        _queue.Enqueue(new DeleteEventsTo(persistenceId, toSequenceNr), cancellationToken);

    // Microsoft.Data.Sqlite's async methods run synchronously; reads go to the thread pool so that the journal actor
    // keeps queueing writes while another actor recovers.
    public override Task<long> ReadHighestSequenceNrAsync(
        string persistenceId, long fromSequenceNr, CancellationToken cancellationToken) =>
        Task.Run(() => _reader.ReadHighestSequenceNr(persistenceId), cancellationToken);

    public override Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback) =>
        Task.Run(() => _reader.Replay(
            persistenceId, fromSequenceNr, toSequenceNr, max, row => recoveryCallback(_serializer.ToPersistent(row))));

    protected override bool ReceivePluginInternal(object message)
    {
        if (message is not GetJournalStats)
        {
            return false;
        }

        Sender.Tell(new JournalStats(_queue.Transactions, _queue.Appends, _queue.Events, _checkpointer?.FramesCopied ?? 0));
        return true;
    }

    protected override void PostStop()
    {
        // Commits what is queued, so a write acknowledged by nobody yet is not silently dropped at shutdown.
        _queue.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _writer.Dispose();
        _checkpointer?.Dispose();
        _database.ClearPool();
        base.PostStop();
    }
}
