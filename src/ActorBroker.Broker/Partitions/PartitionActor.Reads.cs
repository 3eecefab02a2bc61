using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Broker.Partitions;

/// <summary>Journal reads for batches that left the tail cache, run as tasks whose results come back as messages.</summary>
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

        _logger.LogWarning("Partition {Partition} has {Reads} journal reads running and {Held} requests held (max-waiting-fetches); answering a {Request} without reading",
            _partition, _reads.Count, HeldFetches, request.GetType().Name);
        if (request is FetchRequest fetch) ReplyFetch(replyTo, fetch, []); // nothing now; the consumer fetches again
        else FailRead(replyTo, request, ErrorCode.RequestTimedOut, $"partition {_partition} is busy reading its journal; try again");
        return false;
    }

    /// <summary>Reads the <paramref name="batches"/> batches stored in events <paramref name="fromSequenceNr"/>..<paramref name="toSequenceNr"/>, the first ending at <paramref name="firstLastOffset"/>.</summary>
    private void StartRead(IActorRef replyTo, object request, long fromSequenceNr, long toSequenceNr, int batches, long firstLastOffset, RecordBatch[] cachedTail)
    {
        var id = ++_nextRequestId;
        _reads.Add(id, new PendingRead(replyTo, request, fromSequenceNr, batches, firstLastOffset, cachedTail));
        ReadBatchesAsync(Persistence.Journal, PersistenceId, fromSequenceNr, toSequenceNr, batches)
            .PipeTo(Self, Self, success: read => new JournalBatchesRead(id, read), failure: e => new JournalReadFailed(id, e));
    }

    private static async Task<List<RecordBatch>> ReadBatchesAsync(IJournalStore journal, string persistenceId, long from, long to, int expected)
    {
        var batches = new List<RecordBatch>(expected);
        // Markers and truncated batches may sit between the batches; the range holds at most that many more events.
        await foreach (var repr in journal.ReplayAsync(persistenceId, from, to, to - from + 1, CancellationToken.None).ConfigureAwait(false))
        {
            if (repr.SerializerId != PartitionEventSerializer.Id)
                throw new JournalCorruptionException(persistenceId, repr.SequenceNr, $"serializer {repr.SerializerId} is not the partition log's ({PartitionEventSerializer.Id})");
            switch (PartitionEventSerializer.FromPayload(repr.Payload, repr.Manifest))
            {
                case RecordBatch batch:
                    batches.Add(batch);
                    break;
                case LogTruncated truncated:
                    // The index skips the batches a truncation dropped, but a range between two live batches can span
                    // them. Offsets grow again from the new log end, so the dropped ones are the newest read so far.
                    while (batches.Count > 0 && batches[^1].NextOffset > truncated.Offset) batches.RemoveAt(batches.Count - 1);
                    break;
            }
        }
        return batches;
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
                _logger.LogError("Partition {Partition}: the journal returned {Read} of the {Expected} indexed batches from sequence number {SequenceNr} for a {Request}",
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
        _logger.LogWarning(failed.Cause, "Partition {Partition}: a journal read for a {Request} failed: {Reason}", _partition, read.Request.GetType().Name, failed.Cause.Message);
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

    private sealed record JournalBatchesRead(long Id, List<RecordBatch> Batches);

    private sealed record JournalReadFailed(long Id, Exception Cause);
}
