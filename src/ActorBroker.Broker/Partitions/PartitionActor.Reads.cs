using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>Journal reads for batches that left the tail cache, run by reader children whose results come back as messages.</summary>
public sealed partial class PartitionActor
{
    private readonly Dictionary<long, PendingRead> _reads = [];
    private readonly Queue<QueuedRead> _queuedReads = new();

    private void CommandReads()
    {
        Command<JournalBatchesRead>(OnJournalBatchesRead);
        Command<JournalReadFailed>(OnJournalReadFailed);
        Command<FetchWaitExpired>(OnFetchWaitExpired);
    }

    /// <summary>
    /// True when a journal read may start now. Otherwise the request waits in the read queue (it is planned again
    /// when its turn comes, from <paramref name="fromOffset"/>) or, when that is full too, is answered at once.
    /// </summary>
    private bool CanRead(IActorRef replyTo, object request, long fromOffset)
    {
        if (_reads.Count < _settings.JournalReadsInFlight) return true;
        if (HeldFetches < _settings.MaxWaitingFetches)
        {
            _queuedReads.Enqueue(new QueuedRead(replyTo, request, fromOffset));
            return false;
        }

        _logger.Warning("Partition {Partition} has {Reads} journal reads running and {Held} requests held (max-waiting-fetches); answering a {Request} without reading",
            _partition, _reads.Count, HeldFetches, request.GetType().Name);
        if (request is FetchRequest fetch) ReplyFetch(replyTo, fetch, []); // nothing now; the consumer fetches again
        else FailRead(replyTo, request, ErrorCode.RequestTimedOut, $"partition {_partition} is busy reading its journal; try again");
        return false;
    }

    /// <summary>
    /// Reads the <paramref name="batches"/> batches stored in events <paramref name="fromSequenceNr"/>..<paramref name="toSequenceNr"/>,
    /// the first ending at <paramref name="firstLastOffset"/>, through a <see cref="JournalReader"/> child that replays them from the
    /// journal plugin (so it works on any plugin) and answers with one message.
    /// </summary>
    private void StartRead(IActorRef replyTo, object request, long fromSequenceNr, long toSequenceNr, int batches, long firstLastOffset, RecordBatch[] cachedTail)
    {
        var id = ++_nextRequestId;
        _reads.Add(id, new PendingRead(replyTo, request, fromSequenceNr, batches, firstLastOffset, cachedTail));
        var journal = Extension.JournalFor(JournalPluginId);
        Context.ActorOf(JournalReader.Props(journal, PersistenceId, id, fromSequenceNr, toSequenceNr, batches), $"journal-read-{id}");
    }

    private void OnJournalBatchesRead(JournalBatchesRead result)
    {
        if (!_reads.Remove(result.Id, out var read)) return; // already answered: the partition is closing
        // Retention may have deleted the first batch while it was read; the answer must not pretend it is still there.
        var overtaken = read.FirstLastOffset < _log.LogStartOffset;
        switch (read.Request)
        {
            case FetchRequest fetch when overtaken || fetch.FetchOffset < _log.LogStartOffset:
                read.ReplyTo.Tell(RetentionOvertook(fetch), Self);
                break;
            case ListOffsetsRequest list when overtaken:
                ResolveTimestamp(read.ReplyTo, list, _log.LogStartOffset);
                break;
            case var request when result.Batches.Count != read.Batches:
                _logger.Error("Partition {Partition}: the journal returned {Read} of the {Expected} indexed batches from sequence number {SequenceNr} for a {Request}",
                    _partition, result.Batches.Count, read.Batches, read.FromSequenceNr, request.GetType().Name);
                FailRead(read.ReplyTo, request, ErrorCode.KafkaStorageError, $"the journal returned {result.Batches.Count} of {read.Batches} batches");
                break;
            case FetchRequest fetch:
                result.Batches.AddRange(read.CachedTail);
                ReplyFetch(read.ReplyTo, fetch, result.Batches);
                break;
            case ListOffsetsRequest list:
                FindInBatch(read.ReplyTo, list, result.Batches[0]);
                break;
        }
        DrainReadQueue();
    }

    private void OnJournalReadFailed(JournalReadFailed failed)
    {
        if (!_reads.Remove(failed.Id, out var read)) return;
        _logger.Warning(failed.Cause, "Partition {Partition}: a journal read for a {Request} failed: {Reason}", _partition, read.Request.GetType().Name, failed.Cause.Message);
        FailRead(read.ReplyTo, read.Request, ErrorCode.KafkaStorageError, $"reading the journal failed: {failed.Cause.Message}");
        DrainReadQueue();
    }

    private void DrainReadQueue()
    {
        while (_reads.Count < _settings.JournalReadsInFlight && _queuedReads.TryDequeue(out var queued))
        {
            if (queued.Request is FetchRequest fetch) ServeFetch(queued.ReplyTo, fetch);
            else ResolveTimestamp(queued.ReplyTo, (ListOffsetsRequest)queued.Request, queued.FromOffset);
        }
    }

    private sealed record PendingRead(IActorRef ReplyTo, object Request, long FromSequenceNr, int Batches, long FirstLastOffset, RecordBatch[] CachedTail);

    private readonly record struct QueuedRead(IActorRef ReplyTo, object Request, long FromOffset);


}
