using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

public sealed partial class PartitionActor
{
    // Long polls waiting for data, by id; bounded together with the fetches queued for a journal read.
    private readonly Dictionary<long, WaitingFetch> _waitingFetches = [];
    private readonly List<long> _wakeable = [];
    private long _nextRequestId;

    /// <summary>Fetches held now: long polls and requests queued for a journal read (bounded by max-waiting-fetches).</summary>
    private int HeldFetches => _waitingFetches.Count + _queuedReads.Count;

    private void OnFetch(FetchRequest request)
    {
        if (request.IsFromFollower && _replica is not null)
        {
            OnReplicaFetch(request);
            return;
        }

        var (error, message) = CheckFetch(request);
        if (error != ErrorCode.None)
        {
            _logger.Debug("Partition {Partition} rejected a fetch from {Sender}: {Error}: {Reason}", _partition, Sender.Path, error, message);
            Sender.Tell(request.IsDebugRead
                ? new FetchResponse(_partition, error, _log.HighWatermark, _log.LogStartOffset, [], message, request.CorrelationId) // where to read instead
                : FetchResponse.Failed(_partition, error, message!, request.CorrelationId), Self);
            return;
        }

        if (request.MaxWaitMs > 0 && _log.AvailableBytes(request.FetchOffset) < request.MinBytes && TryPark(Sender, request)) return;
        ServeFetch(Sender, request);
    }

    private (ErrorCode Error, string? Message) CheckFetch(FetchRequest request)
    {
        if (request.Partition != _partition)
            return (ErrorCode.UnknownTopicOrPartition, $"this is partition {_partition}, not {request.Partition}");
        if (request.IsDebugRead)
            return request.FetchOffset < _log.LogStartOffset || request.FetchOffset > _log.HighWatermark
                ? (ErrorCode.OffsetOutOfRange, $"offset {request.FetchOffset} is outside this replica's {_partition} range {_log.LogStartOffset}..{_log.HighWatermark} (log start to high watermark)")
                : (ErrorCode.None, null);
        if (!IsLeader)
            return (ErrorCode.NotLeaderOrFollower, $"{_selfId} does not lead partition {_partition} (leader epoch {_leaderEpoch}); refresh metadata");
        if (request.CurrentLeaderEpoch >= 0 && request.CurrentLeaderEpoch != LeaderEpoch)
            return request.CurrentLeaderEpoch < LeaderEpoch
                ? (ErrorCode.FencedLeaderEpoch, $"leader epoch {request.CurrentLeaderEpoch} is older than the partition's {LeaderEpoch}")
                : (ErrorCode.UnknownLeaderEpoch, $"leader epoch {request.CurrentLeaderEpoch} is newer than the partition's {LeaderEpoch}");
        // The range ends at the log end, not the high watermark, as in Kafka: a new leader's high watermark can trail
        // offsets a consumer already read from the old one, and that consumer must wait there, not reset its position.
        if (request.FetchOffset < _log.LogStartOffset || request.FetchOffset > _log.LogEndOffset)
            return (ErrorCode.OffsetOutOfRange,
                $"offset {request.FetchOffset} is outside {_partition}'s range {_log.LogStartOffset}..{_log.LogEndOffset} (log start to log end)");
        return (ErrorCode.None, null);
    }

    private bool TryPark(IActorRef replyTo, FetchRequest request)
    {
        if (HeldFetches >= _settings.MaxWaitingFetches)
        {
            _logger.Debug("Partition {Partition} holds {Count} fetches (max-waiting-fetches); answering a fetch at once", _partition, HeldFetches);
            return false;
        }

        var id = ++_nextRequestId;
        _waitingFetches.Add(id, new WaitingFetch(replyTo, request));
        var expired = new FetchWaitExpired(id);
        Timers.StartSingleTimer(expired, expired, TimeSpan.FromMilliseconds(Math.Min(request.MaxWaitMs, _settings.FetchMaxWait.TotalMilliseconds)));
        return true;
    }

    private void OnFetchWaitExpired(FetchWaitExpired expired)
    {
        if (_waitingFetches.Remove(expired.Id, out var waiting)) ServeFetch(waiting.ReplyTo, waiting.Request);
    }

    /// <summary>The high watermark or the log end moved: answers the long polls that now have their minimum bytes.</summary>
    private void WakeWaitingFetches()
    {
        if (_waitingFetches.Count == 0) return;
        foreach (var (id, waiting) in _waitingFetches)
        {
            if (_log.AvailableBytes(waiting.Request.FetchOffset, ReadLimit(waiting.Request)) >= waiting.Request.MinBytes) _wakeable.Add(id);
        }

        foreach (var id in _wakeable)
        {
            _waitingFetches.Remove(id, out var waiting);
            Timers.Cancel(new FetchWaitExpired(id));
            ServeFetch(waiting!.ReplyTo, waiting.Request);
        }
        _wakeable.Clear();
    }

    /// <summary>Answers a fetch with the batches there are now, from the cache or (for older ones) the journal.</summary>
    private void ServeFetch(IActorRef replyTo, FetchRequest request)
    {
        if (request.FetchOffset < _log.LogStartOffset)
        {
            replyTo.Tell(RetentionOvertook(request), Self);
            return;
        }

        var plan = _log.PlanFetch(request.FetchOffset, request.MaxBytes, _settings.JournalReadBatches, ReadLimit(request));
        if (!plan.NeedsJournal)
        {
            ReplyFetch(replyTo, request, plan.Cached);
            return;
        }

        if (!CanRead(replyTo, request, request.FetchOffset)) return;
        StartRead(replyTo, request, plan.FromSequenceNr, plan.ToSequenceNr, plan.JournalBatches, plan.FirstLastOffset, plan.Cached);
    }

    /// <summary>Consumers read below the high watermark; followers read everything the leader has.</summary>
    private long ReadLimit(FetchRequest request) => request.IsFromFollower && _replica is not null ? _log.LogEndOffset : _log.HighWatermark;

    private void ReplyFetch(IActorRef replyTo, FetchRequest request, IReadOnlyList<RecordBatch> batches) =>
        replyTo.Tell(new FetchResponse(_partition, ErrorCode.None, _log.HighWatermark, _log.LogStartOffset, batches, null, request.CorrelationId), Self);

    private FetchResponse RetentionOvertook(FetchRequest request) =>
        FetchResponse.Failed(_partition, ErrorCode.OffsetOutOfRange,
            $"offset {request.FetchOffset} was deleted by retention; {_partition} now starts at {_log.LogStartOffset}", request.CorrelationId);

    /// <summary>Answers every held or reading fetch (and list-offsets) with <paramref name="error"/>.</summary>
    private void FailFetches(ErrorCode error, string message)
    {
        foreach (var (id, waiting) in _waitingFetches)
        {
            Timers.Cancel(new FetchWaitExpired(id));
            waiting.ReplyTo.Tell(FetchResponse.Failed(_partition, error, message, waiting.Request.CorrelationId), Self);
        }
        _waitingFetches.Clear();
        foreach (var queued in _queuedReads) FailRead(queued.ReplyTo, queued.Request, error, message);
        _queuedReads.Clear();
        foreach (var read in _reads.Values) FailRead(read.ReplyTo, read.Request, error, message);
        _reads.Clear(); // their results, when they come, find no reader
    }

    private void FailRead(IActorRef replyTo, object request, ErrorCode error, string message) => replyTo.Tell(request switch
    {
        FetchRequest fetch => FetchResponse.Failed(_partition, error, message, fetch.CorrelationId),
        ListOffsetsRequest list => ListOffsetsFailed(list, error, message),
        _ => throw new InvalidOperationException($"no read answers {request.GetType().Name}"),
    }, Self);

    private sealed record WaitingFetch(IActorRef ReplyTo, FetchRequest Request);

    private sealed record FetchWaitExpired(long Id);
}
