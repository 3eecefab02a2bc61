using Akka.Actor;
using ActorBroker.Broker.Controller;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The leader's side of replication. A follower's fetch from offset N says it stored everything below N; from that the
/// leader knows each follower's log end and when it last caught up. The high watermark is the lowest log end over
/// the ISR; it completes acks=all appends and bounds what consumers read. Followers that lag longer than
/// replica-lag-time-max leave the ISR and caught-up ones rejoin, through the controller (AlterPartition): a shrink
/// counts only once the controller has persisted it, so every replica the controller may elect has every record
/// below the high watermark.
/// </summary>
public sealed partial class PartitionActor
{
    private readonly Dictionary<string, FollowerProgress> _followers = new(StringComparer.Ordinal);
    private readonly List<CommitWait> _commitWaits = []; // acks=all appends stored here, in offset order
    private AlterPartition? _pendingAlter;
    private long _leaderEpochStartOffset;

    // Follower lag and acks=all deadlines are durations: measured on the monotonic clock, so a wall-clock step (NTP,
    // a suspended VM) neither drops caught-up followers from the ISR nor expires or prolongs waiting appends.
    private long NowMs => (long)_settings.Clock.GetElapsedTime(_monotonicOrigin).TotalMilliseconds;

    /// <summary>A new leadership: every follower must show again how far it is, and gets replica-lag-time-max to do so.</summary>
    private void ResetFollowers()
    {
        _followers.Clear();
        _pendingAlter = null;
        _leaderEpochStartOffset = _log.LogEndOffset;
        var now = NowMs;
        foreach (var id in _replicas)
        {
            if (id != _selfId) _followers[id] = new FollowerProgress { LastCaughtUpMs = now, LastFetchMs = now };
        }
    }

    /// <summary>The replicas or ISR changed within this leadership (a follower was added, removed, or confirmed).</summary>
    private void OnIsrChanged()
    {
        var now = NowMs;
        foreach (var id in _replicas)
        {
            if (id != _selfId && !_followers.ContainsKey(id)) _followers[id] = new FollowerProgress { LastCaughtUpMs = now, LastFetchMs = now };
        }

        foreach (var id in _followers.Keys.Where(id => !_replicas.Contains(id)).ToList()) _followers.Remove(id);
        _logger.Info("Partition {Partition}: ISR is now [{Isr}] (partition epoch {PartitionEpoch})", _partition, string.Join(", ", _isr), _partitionEpoch);
        AdvanceHighWatermark();
    }

    /// <summary>A follower's fetch from <paramref name="request"/>'s offset: checked, counted as its acknowledgement, then served up to the log end.</summary>
    private void OnReplicaFetch(FetchRequest request)
    {
        var (error, message) = CheckReplicaFetch(request);
        if (error != ErrorCode.None)
        {
            _logger.Debug("Partition {Partition} refused a fetch from replica {Replica}: {Error}: {Reason}", _partition, request.ReplicaId, error, message);
            // Out-of-range answers carry the real offsets: the follower needs the leader's log start to catch up from it.
            Sender.Tell(error == ErrorCode.OffsetOutOfRange
                ? new FetchResponse(_partition, error, _log.HighWatermark, _log.LogStartOffset, [], message, request.CorrelationId)
                : FetchResponse.Failed(_partition, error, message!, request.CorrelationId), Self);
            return;
        }

        OnFollowerProgress(request.ReplicaId!, _followers[request.ReplicaId!], request.FetchOffset);
        if (request.MaxWaitMs > 0 && _log.AvailableBytes(request.FetchOffset, _log.LogEndOffset) < request.MinBytes && TryPark(Sender, request)) return;
        ServeFetch(Sender, request);
    }

    private (ErrorCode Error, string? Message) CheckReplicaFetch(FetchRequest request)
    {
        if (request.Partition != _partition)
            return (ErrorCode.UnknownTopicOrPartition, $"this is partition {_partition}, not {request.Partition}");
        if (!IsLeader)
            return (ErrorCode.NotLeaderOrFollower, $"{_selfId} does not lead partition {_partition} (epoch {_leaderEpoch})");
        if (request.CurrentLeaderEpoch != _leaderEpoch)
            return request.CurrentLeaderEpoch < _leaderEpoch
                ? (ErrorCode.FencedLeaderEpoch, $"replica {request.ReplicaId} fetches in leader epoch {request.CurrentLeaderEpoch}, older than {_partition}'s {_leaderEpoch}")
                : (ErrorCode.UnknownLeaderEpoch, $"replica {request.ReplicaId} fetches in leader epoch {request.CurrentLeaderEpoch}, newer than {_partition}'s {_leaderEpoch}");
        if (!_followers.ContainsKey(request.ReplicaId!))
            return (ErrorCode.NotLeaderOrFollower, $"{request.ReplicaId} is not a follower of partition {_partition} (replicas: {string.Join(", ", _replicas)})");
        if (request.FetchOffset < _log.LogStartOffset || request.FetchOffset > _log.LogEndOffset)
            return (ErrorCode.OffsetOutOfRange,
                $"replica {request.ReplicaId} fetches offset {request.FetchOffset}, outside {_partition}'s log {_log.LogStartOffset}..{_log.LogEndOffset}");
        return (ErrorCode.None, null);
    }

    /// <summary>Kafka's rule: caught up now if it asked for the log end; caught up at its last fetch if it asked for what the log end was then.</summary>
    private void OnFollowerProgress(string id, FollowerProgress follower, long fetchOffset)
    {
        var now = NowMs;
        if (fetchOffset >= _log.LogEndOffset) follower.LastCaughtUpMs = now;
        else if (fetchOffset >= follower.LeaderEndAtLastFetch) follower.LastCaughtUpMs = Math.Max(follower.LastCaughtUpMs, follower.LastFetchMs);
        follower.LeaderEndAtLastFetch = _log.LogEndOffset;
        follower.LastFetchMs = now;
        follower.LogEndOffset = fetchOffset;
        MaybeExpandIsr(id, follower);
        AdvanceHighWatermark();
    }

    /// <summary>Moves the high watermark to the lowest log end over the ISR; answers the consumers and acks=all appends it unblocks.</summary>
    private void AdvanceHighWatermark()
    {
        if (TryAdvanceHighWatermark()) WakeWaitingFetches();
    }

    /// <summary>Like <see cref="AdvanceHighWatermark"/>, but leaves waking the long polls to the caller; true when it moved.</summary>
    private bool TryAdvanceHighWatermark()
    {
        if (!IsLeader) return false;
        var watermark = _log.LogEndOffset;
        foreach (var id in _isr) watermark = Math.Min(watermark, LogEndOf(id));
        // A follower being added counts at once (it is caught up); one being removed counts until the controller agrees.
        if (_pendingAlter is { } pending)
        {
            foreach (var id in pending.NewIsr) watermark = Math.Min(watermark, LogEndOf(id));
        }

        if (!_log.AdvanceHighWatermark(watermark)) return false;
        CompleteCommitWaits();
        return true;
    }

    private long LogEndOf(string id) =>
        id == _selfId ? _log.LogEndOffset : _followers.TryGetValue(id, out var follower) ? follower.LogEndOffset : -1;

    private void MaybeExpandIsr(string id, FollowerProgress follower)
    {
        // Kafka's condition: the follower has everything committed, and something of the current epoch, so it cannot diverge.
        if (_pendingAlter is not null || _replica is null || _isr.Contains(id)) return;
        if (follower.LogEndOffset < _log.HighWatermark || follower.LogEndOffset < _leaderEpochStartOffset) return;
        SendAlterPartition([.. _isr, id], $"{id} caught up at offset {follower.LogEndOffset}");
    }

    /// <summary>Every half replica-lag-time-max: followers in the ISR that have not caught up for longer than it are dropped.</summary>
    private void CheckIsr()
    {
        if (!IsLeader || _pendingAlter is not null || _replica is null) return;
        var now = NowMs;
        var lagMs = (long)_settings.ReplicaLagTimeMax.TotalMilliseconds;
        var lagging = _isr.Where(id => id != _selfId && (!_followers.TryGetValue(id, out var f) || now - f.LastCaughtUpMs > lagMs)).ToList();
        if (lagging.Count == 0) return;
        var details = string.Join(", ", lagging.Select(id => _followers.TryGetValue(id, out var f)
            ? $"{id} at offset {f.LogEndOffset}, caught up {now - f.LastCaughtUpMs} ms ago"
            : $"{id} unknown"));
        SendAlterPartition([.. _isr.Where(id => !lagging.Contains(id))], $"lagging more than {lagMs} ms behind log end {_log.LogEndOffset}: {details}");
    }

    private void SendAlterPartition(IReadOnlyList<string> newIsr, string reason)
    {
        _pendingAlter = new AlterPartition(_partition, _topicId, _selfId, _leaderEpoch, _partitionEpoch, newIsr);
        var shrinking = newIsr.Count < _isr.Count;
        if (shrinking)
            _logger.Warning("Partition {Partition}: asking the controller to shrink the ISR from [{Isr}] to [{NewIsr}]: {Reason}",
                _partition, string.Join(", ", _isr), string.Join(", ", newIsr), reason);
        else
            _logger.Info("Partition {Partition}: asking the controller to expand the ISR from [{Isr}] to [{NewIsr}]: {Reason}",
                _partition, string.Join(", ", _isr), string.Join(", ", newIsr), reason);
        _replica!.Controller.Tell(_pendingAlter, Self);
        Timers.StartSingleTimer(AlterPartitionTimedOut.Key, new AlterPartitionTimedOut(_pendingAlter), _settings.ReplicaFetchResponseTimeout);
    }

    private void OnAlterPartitionResponse(AlterPartitionResponse response)
    {
        if (_pendingAlter is null || response.Partition != _partition) return;
        Timers.Cancel(AlterPartitionTimedOut.Key);
        _pendingAlter = null;
        if (response.Error != ErrorCode.None)
        {
            // The metadata that made the request stale is on its way; the next ISR check asks again from it.
            _logger.Info("Partition {Partition}: the controller refused the ISR change: {Error}: {Reason}", _partition, response.Error, response.ErrorMessage);
            AdvanceHighWatermark();
            return;
        }

        if (IsLeader && response.LeaderEpoch == _leaderEpoch && response.PartitionEpoch > _partitionEpoch)
        {
            _partitionEpoch = response.PartitionEpoch;
            _isr = response.Isr;
            OnIsrChanged();
        }
    }

    private void OnAlterPartitionTimedOut(AlterPartitionTimedOut timedOut)
    {
        if (!ReferenceEquals(_pendingAlter, timedOut.Request)) return;
        _logger.Warning("Partition {Partition}: the controller did not answer the ISR change to [{NewIsr}] within {Timeout}; asking again at the next check",
            _partition, string.Join(", ", timedOut.Request.NewIsr), _settings.ReplicaFetchResponseTimeout);
        _pendingAlter = null;
    }

    private void OnLeaderEpochEndOffsetRequest(LeaderEpochEndOffsetRequest request)
    {
        if (!IsLeader || request.CurrentLeaderEpoch != _leaderEpoch)
        {
            var error = !IsLeader ? ErrorCode.NotLeaderOrFollower : request.CurrentLeaderEpoch < _leaderEpoch ? ErrorCode.FencedLeaderEpoch : ErrorCode.UnknownLeaderEpoch;
            Sender.Tell(new LeaderEpochEndOffsetResponse(_partition, error, -1, -1,
                $"{_selfId} is {(IsLeader ? $"leader in epoch {_leaderEpoch}" : "not the leader")} of {_partition}, asked in epoch {request.CurrentLeaderEpoch}", request.CorrelationId), Self);
            return;
        }

        var (epoch, endOffset) = _log.Epochs.EndOffsetFor(request.LeaderEpoch, _log.LogEndOffset);
        Sender.Tell(new LeaderEpochEndOffsetResponse(_partition, ErrorCode.None, epoch, endOffset, null, request.CorrelationId), Self);
    }

    /// <summary>An acks=all append is stored here; it is answered once the high watermark passes it, or when it times out.</summary>
    private void AwaitCommit(IActorRef replyTo, long baseOffset, long nextOffset, int timeoutMs, long correlationId)
    {
        _commitWaits.Add(new CommitWait(replyTo, baseOffset, nextOffset, NowMs + Math.Max(timeoutMs, 1), correlationId));
        if (_commitWaits.Count == 1) Timers.StartPeriodicTimer(CommitWaitTick.Instance, CommitWaitTick.Instance, CommitWaitTick.Interval);
    }

    private void CompleteCommitWaits()
    {
        var done = 0;
        while (done < _commitWaits.Count && _commitWaits[done].NextOffset <= _log.HighWatermark) done++;
        if (done == 0) return;
        for (var i = 0; i < done; i++) ReplyCommitted(_commitWaits[i].ReplyTo, _commitWaits[i].BaseOffset, _commitWaits[i].CorrelationId);
        _commitWaits.RemoveRange(0, done);
        if (_commitWaits.Count == 0) Timers.Cancel(CommitWaitTick.Instance);
    }

    /// <summary>Kafka's rule: an append the ISR has stored is answered NotEnoughReplicasAfterAppend when the ISR is below min.insync.replicas.</summary>
    private void ReplyCommitted(IActorRef replyTo, long baseOffset, long correlationId) =>
        replyTo.Tell(_config.MinInsyncReplicas > _isr.Count
            ? ProduceResponse.Failed(_partition, ErrorCode.NotEnoughReplicasAfterAppend,
                $"the batch at offset {baseOffset} is stored, but {_partition} has {_isr.Count} in-sync replicas, fewer than min.insync.replicas={_config.MinInsyncReplicas}", correlationId)
            : new ProduceResponse(_partition, ErrorCode.None, baseOffset, -1, _log.LogStartOffset, null, correlationId), Self);

    private void ExpireCommitWaits()
    {
        var now = NowMs;
        var expired = _commitWaits.RemoveAll(wait =>
        {
            if (wait.DeadlineMs > now) return false;
            var (error, why) = _config.MinInsyncReplicas > _isr.Count
                ? (ErrorCode.NotEnoughReplicasAfterAppend, $"{_partition} has {_isr.Count} in-sync replicas, fewer than min.insync.replicas={_config.MinInsyncReplicas}")
                : (ErrorCode.RequestTimedOut, $"the in-sync replicas [{string.Join(", ", _isr)}] did not all store it in time (high watermark {_log.HighWatermark})");
            wait.ReplyTo.Tell(ProduceResponse.Failed(_partition, error, $"the batch at offset {wait.BaseOffset} was stored on the leader, but {why}", wait.CorrelationId), Self);
            return true;
        });
        if (expired > 0)
            _logger.Warning("Partition {Partition}: {Count} acks=all appends timed out waiting for the ISR [{Isr}] (high watermark {HighWatermark}, log end {LogEndOffset})",
                _partition, expired, string.Join(", ", _isr), _log.HighWatermark, _log.LogEndOffset);
        if (_commitWaits.Count == 0) Timers.Cancel(CommitWaitTick.Instance);
    }

    private void FailCommitWaits(ErrorCode error, string message)
    {
        foreach (var wait in _commitWaits) wait.ReplyTo.Tell(ProduceResponse.Failed(_partition, error, message, wait.CorrelationId), Self);
        _commitWaits.Clear();
        Timers.Cancel(CommitWaitTick.Instance);
    }

    private sealed class FollowerProgress
    {
        /// <summary>The offset of its last fetch: it has stored everything below. -1 until it fetched from this leader.</summary>
        public long LogEndOffset { get; set; } = -1;

        public long LastCaughtUpMs { get; set; }

        public long LastFetchMs { get; set; }

        public long LeaderEndAtLastFetch { get; set; }
    }

    private readonly record struct CommitWait(IActorRef ReplyTo, long BaseOffset, long NextOffset, long DeadlineMs, long CorrelationId);

    private sealed class CommitWaitTick
    {
        public static readonly CommitWaitTick Instance = new();
        public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    }

    private sealed record AlterPartitionTimedOut(AlterPartition Request)
    {
        public const string Key = "alter-partition";
    }
}
