using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The follower's side of replication. On every new leader epoch it first asks the leader where its own last epoch
/// ends in the leader's log and cuts off anything past that (KIP-101), so it never keeps a suffix the leader does not
/// have. Then it fetches from its log end in a loop: each answer's batches are journaled as they came (offsets and
/// epochs stamped by the leader), and only then does the next fetch go out, so a fetch from offset N acknowledges
/// records this node has stored. The leader holds a fetch while it has nothing new (long poll).
/// </summary>
public sealed partial class PartitionActor
{
    private readonly Action<RecordBatch> _onFetchedBatchPersisted;
    private IActorRef? _leaderReplica;
    private long _followCorrelation; // the request the follower waits for; answers to any other are stale
    private long _leaderHighWatermark;
    private int _fetchedBatchesLeft;

    private void CommandFollower()
    {
        Command<FetchResponse>(OnLeaderFetchResponse);
        Command<LeaderEpochEndOffsetResponse>(OnLeaderEpochEndOffset);
        Command<FollowerRequestTimedOut>(t =>
        {
            if (t.CorrelationId != _followCorrelation || _role != ReplicaRole.Follower) return;
            _logger.Info("Partition {Partition} on {Node}: the leader did not answer within {Timeout}; asking again", _partition, _selfId,
                _settings.ReplicaFetchWaitMax + _settings.ReplicaFetchResponseTimeout);
            StartFollowing(_leaderReplica);
        });
        Command<FollowerRetry>(_ =>
        {
            if (_role == ReplicaRole.Follower) StartFollowing(_leaderReplica);
        });
    }

    private void StopFollowing()
    {
        _followCorrelation++;
        _leaderReplica = null;
        Timers.Cancel(FollowerRequestTimedOut.Key);
        Timers.Cancel(FollowerRetry.Instance);
    }

    /// <summary>Starts (again) with the epoch handshake, then fetches; without a leader, waits for the next decision.</summary>
    private void StartFollowing(IActorRef? leaderReplica)
    {
        StopFollowing();
        _leaderReplica = leaderReplica;
        if (leaderReplica is null || _role != ReplicaRole.Follower) return;
        if (_log.Epochs.LatestEpoch < 0)
        {
            SendFetch(); // an empty log has nothing to cut off
            return;
        }

        AskEpochEnd(_log.Epochs.LatestEpoch);
    }

    private void AskEpochEnd(int epoch)
    {
        var correlationId = ++_followCorrelation;
        _leaderReplica!.Tell(new LeaderEpochEndOffsetRequest(_partition, _leaderEpoch, epoch, _selfId, correlationId), Self);
        Timers.StartSingleTimer(FollowerRequestTimedOut.Key, new FollowerRequestTimedOut(correlationId), _settings.ReplicaFetchResponseTimeout);
    }

    private void OnLeaderEpochEndOffset(LeaderEpochEndOffsetResponse response)
    {
        if (response.CorrelationId != _followCorrelation || _role != ReplicaRole.Follower) return;
        Timers.Cancel(FollowerRequestTimedOut.Key);
        if (response.Error != ErrorCode.None)
        {
            RetryFollowingLater($"asking the leader where epoch {_log.Epochs.LatestEpoch} ends failed: {response.Error}: {response.ErrorMessage}");
            return;
        }

        // The leader has no epoch this old: only the high watermark is known to be shared (Kafka's fallback).
        var keep = response.LeaderEpoch < 0
            ? _log.HighWatermark
            : Math.Min(response.EndOffset, _log.Epochs.EndOffsetFor(response.LeaderEpoch, _log.LogEndOffset).EndOffset);
        TruncateLog(keep, $"the leader's log has epoch {response.LeaderEpoch} ending at {response.EndOffset}", SendFetch);
    }

    private void SendFetch()
    {
        if (_role != ReplicaRole.Follower || _leaderReplica is null) return;
        var correlationId = ++_followCorrelation;
        var wait = _settings.ReplicaFetchWaitMax;
        _leaderReplica.Tell(new FetchRequest(_partition, _log.LogEndOffset, _settings.ReplicaFetchMaxBytes, 1, (int)wait.TotalMilliseconds,
            _leaderEpoch, _selfId, correlationId), Self);
        Timers.StartSingleTimer(FollowerRequestTimedOut.Key, new FollowerRequestTimedOut(correlationId), wait + _settings.ReplicaFetchResponseTimeout);
    }

    private void OnLeaderFetchResponse(FetchResponse response)
    {
        if (response.CorrelationId != _followCorrelation || _role != ReplicaRole.Follower) return;
        Timers.Cancel(FollowerRequestTimedOut.Key);
        switch (response.Error)
        {
            case ErrorCode.None:
                AppendFetched(response);
                break;
            case ErrorCode.OffsetOutOfRange when response.LogStartOffset > _log.LogEndOffset:
                CatchUpFromLogStart(response.LogStartOffset);
                break;
            case ErrorCode.OffsetOutOfRange:
                // Ahead of the leader: the leader's latest epoch ends at its log end, which is where this log must end too.
                AskEpochEnd(int.MaxValue);
                break;
            default:
                RetryFollowingLater($"fetching from the leader failed: {response.Error}: {response.ErrorMessage}");
                break;
        }
    }

    private void AppendFetched(FetchResponse response)
    {
        _leaderHighWatermark = response.HighWatermark;
        var batches = new List<RecordBatch>(response.Batches.Count);
        foreach (var batch in response.Batches)
        {
            if (batch.NextOffset <= _log.LogEndOffset && batch.PartitionLeaderEpoch == _log.Epochs.EpochAt(batch.BaseOffset)) continue; // already here
            if (batch.BaseOffset < _log.LogEndOffset)
            {
                // Batch boundaries or epochs differ (the same offsets written by another leader): the logs diverged in a
                // way the handshake did not see. Start over with it rather than keep different records at one offset.
                _logger.Warning("Partition {Partition} on {Node}: the leader sent a batch at {BaseOffset}..{LastOffset} of epoch {BatchEpoch} that does not match this log (end {LogEndOffset}, epoch {LocalEpoch} there); repeating the epoch handshake",
                    new object[] { _partition, _selfId, batch.BaseOffset, batch.LastOffset, batch.PartitionLeaderEpoch, _log.LogEndOffset, _log.Epochs.EpochAt(batch.BaseOffset) });
                StartFollowing(_leaderReplica);
                return;
            }

            batches.Add(batch);
        }

        if (batches.Count == 0)
        {
            FollowLeaderHighWatermark();
            SendFetch();
            return;
        }

        // PersistAll holds every other command until the batches are stored, so a role change never meets half a fetch.
        _fetchedBatchesLeft = batches.Count;
        PersistAll(batches, _onFetchedBatchPersisted);
    }

    private void OnFetchedBatchPersisted(RecordBatch batch)
    {
        _log.Append(batch, LastSequenceNr);
        _nextOffset = _log.LogEndOffset;
        if (--_fetchedBatchesLeft > 0) return;
        FollowLeaderHighWatermark();
        SendFetch();
    }

    private void FollowLeaderHighWatermark()
    {
        if (_log.AdvanceHighWatermark(Math.Min(_leaderHighWatermark, _log.LogEndOffset))) WakeWaitingFetches();
    }

    /// <summary>The leader deleted, by retention, everything this replica has not fetched: start the log where the leader's starts.</summary>
    private void CatchUpFromLogStart(long leaderLogStart)
    {
        _logger.Warning("Partition {Partition} on {Node}: the leader's log starts at {LeaderLogStart}, past this log's end {LogEndOffset}; dropping this log and fetching from there",
            _partition, _selfId, leaderLogStart, _log.LogEndOffset);
        Persist(new LogStartOffsetAdvanced(leaderLogStart), advanced =>
        {
            var dropped = _log.AdvanceLogStart(advanced.LogStartOffset);
            _nextOffset = _log.LogEndOffset;
            if (dropped > 0) DeleteEventsBelowLogStart(dropped);
            SendFetch();
        });
    }

    private void RetryFollowingLater(string reason)
    {
        _logger.Debug("Partition {Partition} on {Node}: {Reason}; trying again in {Backoff}", _partition, _selfId, reason, _settings.ReplicaFetchBackoff);
        Timers.StartSingleTimer(FollowerRetry.Instance, FollowerRetry.Instance, _settings.ReplicaFetchBackoff);
    }

    private sealed record FollowerRequestTimedOut(long CorrelationId)
    {
        public const string Key = "follower-request";
    }

    private sealed class FollowerRetry
    {
        public static readonly FollowerRetry Instance = new();
    }
}
