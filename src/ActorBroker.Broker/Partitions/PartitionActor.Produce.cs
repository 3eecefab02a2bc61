using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

public sealed partial class PartitionActor
{
    // Appends being written, in journal order (their handlers run in the same order), and the refusals sent after them.
    private readonly Queue<PendingAppend> _pendingAppends = new();
    private readonly Action<RecordBatch> _onBatchPersisted;
    private long _nextOffset; // runs ahead of the log end offset by the batches being written
    private int _headBatchesDone; // batches of the oldest pending append stored or rejected so far

    private void OnProduce(ProduceRequest request)
    {
        var (error, message) = CheckProduce(request);
        if (error != ErrorCode.None)
        {
            if (error == ErrorCode.CorruptMessage)
                _logger.Warning("Partition {Partition} rejected a produce from {Sender}: {Error}: {Reason}", _partition, Sender.Path, error, message);
            else
                _logger.Debug("Partition {Partition} rejected a produce from {Sender}: {Error}: {Reason}", _partition, Sender.Path, error, message);
            Refuse(Sender, request, ProduceResponse.Failed(_partition, error, message!, request.CorrelationId));
            return;
        }

        // Offsets are assigned now, not when stored, so pipelined appends get increasing offsets. The request's
        // batches are one atomic journal write: stored all or none, answered once.
        var batches = request.Batches;
        var stamped = new RecordBatch[batches.Count];
        var baseOffset = _nextOffset;
        for (var i = 0; i < stamped.Length; i++)
        {
            stamped[i] = batches[i].WithOffsets(_nextOffset, LeaderEpoch);
            _nextOffset = stamped[i].NextOffset;
        }

        // Beyond the in-flight limit the write stashes further commands: the mailbox becomes the back-pressure.
        if (_pendingAppends.Count < _settings.MaxInflightAppends) PersistAllAsync(stamped, _onBatchPersisted);
        else PersistAll(stamped, _onBatchPersisted);
        _pendingAppends.Enqueue(new PendingAppend(Sender, request.Acks, request.CorrelationId, null, request.TimeoutMs, stamped.Length, baseOffset));
    }

    private (ErrorCode Error, string? Message) CheckProduce(ProduceRequest request)
    {
        if (request.Partition != _partition)
            return (ErrorCode.UnknownTopicOrPartition, $"this is partition {_partition}, not {request.Partition}");
        if (request.Acks is not (Acks.All or Acks.Leader or Acks.None))
            return (ErrorCode.InvalidRequiredAcks, $"acks must be -1 (all), 0 or 1, was {(short)request.Acks}");
        if (!IsLeader)
            return (ErrorCode.NotLeaderOrFollower, $"{_selfId} does not lead partition {_partition} (leader epoch {_leaderEpoch}); refresh metadata");
        if (request.Batches.Count == 0) return (ErrorCode.CorruptMessage, "the request holds no record batch");
        foreach (var batch in request.Batches)
        {
            var invalid = batch.Validate(_config.MaxMessageBytes);
            if (invalid.Error != ErrorCode.None) return invalid;
        }

        if (request.Acks == Acks.All && _config.MinInsyncReplicas > _isr.Count)
            return (ErrorCode.NotEnoughReplicas,
                $"acks=all needs min.insync.replicas={_config.MinInsyncReplicas} in-sync replicas but {_partition} has {_isr.Count}: [{string.Join(", ", _isr)}]");
        return (ErrorCode.None, null);
    }

    private void OnBatchPersisted(RecordBatch batch)
    {
        _log.Append(batch, LastSequenceNr);
        if (!HeadAppendDone(out var append)) return;
        // The high watermark follows the ISR (at once when alone); one pass wakes consumers past it and followers past the new log end.
        var advanced = TryAdvanceHighWatermark();
        if (advanced || _followers.Count > 0) WakeWaitingFetches();
        switch (append.Acks)
        {
            case Acks.All when !IsLeader:
                append.ReplyTo.Tell(ProduceResponse.Failed(_partition, ErrorCode.NotLeaderOrFollower,
                    $"{_selfId} stopped leading partition {_partition} before the batch at offset {append.BaseOffset} was replicated; refresh metadata", append.CorrelationId), Self);
                break;
            case Acks.All when _log.HighWatermark >= batch.NextOffset:
                ReplyCommitted(append.ReplyTo, append.BaseOffset, append.CorrelationId);
                break;
            case Acks.All:
                AwaitCommit(append.ReplyTo, append.BaseOffset, batch.NextOffset, append.TimeoutMs, append.CorrelationId);
                break;
            case Acks.Leader:
                append.ReplyTo.Tell(new ProduceResponse(_partition, ErrorCode.None, append.BaseOffset, -1, _log.LogStartOffset, null, append.CorrelationId), Self);
                break;
        }

        SendRefusalsAtHead();
        ResumeDeferredFollow();
    }

    /// <summary>Counts one batch of the oldest pending append as written; when it was the last, takes the append off the queue.</summary>
    private bool HeadAppendDone(out PendingAppend append)
    {
        append = _pendingAppends.Peek();
        if (++_headBatchesDone < append.BatchCount) return false;
        _pendingAppends.Dequeue();
        _headBatchesDone = 0;
        return true;
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        if (@event is LogTruncated truncated)
            // The log must not go on past a cut the journal refused to record; recovery and the next handshake start over.
            throw new PartitionStorageException($"partition {_partition}: the journal rejected the truncation to offset {truncated.Offset}", cause);
        if (@event is not RecordBatch batch)
        {
            OnRetentionMarkerRejected();
            return;
        }

        if (_fetchedBatchesLeft > 0)
            // A batch the leader sent cannot be stored: a gap here would break the copy. Recovery starts the follower over.
            throw new PartitionStorageException($"partition {_partition}: the journal rejected the fetched batch at offset {batch.BaseOffset}", cause);

        // Akka's journal answers a rejection in write order, after the write was sent, for every event of the atomic
        // write. The journal refused this write alone; later appends keep their offsets, leaving a gap that fetches skip.
        if (!HeadAppendDone(out var append)) return;
        if (append.Acks != Acks.None)
            append.ReplyTo.Tell(ProduceResponse.Failed(_partition, ErrorCode.KafkaStorageError,
                $"the journal rejected the batches at offsets {append.BaseOffset}..{batch.LastOffset}: {cause.Message}", append.CorrelationId), Self);
        SendRefusalsAtHead();
        ResumeDeferredFollow();
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _logger.Error(cause,
            "Partition {Partition}: the journal failed to store sequence number {SequenceNr}; answering {Pending} pending appends KafkaStorageError and stopping, to recover from the journal when started again",
            _partition, sequenceNr, _pendingAppends.Count);
        // Some of those writes may still land; recovery then finds them with the offsets they were given. Akka stops a
        // persistent actor whose write failed (its state may be ahead of the journal); the node's replica manager starts it again.
        FailAppends(ErrorCode.KafkaStorageError, $"journal write failed: {cause.Message}");
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private void FailAppends(ErrorCode error, string message)
    {
        _headBatchesDone = 0;
        while (_pendingAppends.TryDequeue(out var append))
        {
            if (append.Acks != Acks.None)
                append.ReplyTo.Tell(append.Refusal ?? ProduceResponse.Failed(_partition, error, message, append.CorrelationId), Self);
        }
    }

    /// <summary>
    /// Answers a refused produce unless it asked for no answer (acks=0), as in Kafka. The answer waits behind the appends
    /// still being written, so a producer hears about its requests in the order it sent them.
    /// </summary>
    private void Refuse(IActorRef to, ProduceRequest request, ProduceResponse refusal)
    {
        if (request.Acks == Acks.None) return;
        if (_pendingAppends.Count == 0) to.Tell(refusal, Self);
        else _pendingAppends.Enqueue(new PendingAppend(to, request.Acks, request.CorrelationId, refusal));
    }

    private void SendRefusalsAtHead()
    {
        while (_pendingAppends.TryPeek(out var next) && next.Refusal is { } refusal)
        {
            _pendingAppends.Dequeue();
            next.ReplyTo.Tell(refusal, Self);
        }
    }

    /// <summary>
    /// An append of <see cref="BatchCount"/> batches from <see cref="BaseOffset"/> being written (<see cref="Refusal"/>
    /// null), or a refusal waiting for the appends before it.
    /// </summary>
    private readonly record struct PendingAppend(
        IActorRef ReplyTo, Acks Acks, long CorrelationId, ProduceResponse? Refusal, int TimeoutMs = 0, int BatchCount = 0, long BaseOffset = -1);
}
