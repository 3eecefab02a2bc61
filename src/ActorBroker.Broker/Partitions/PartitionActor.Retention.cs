using Akka.Actor;
using Akka.Persistence;
using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Retention: the oldest whole batches past <c>retention.ms</c> or over <c>retention.bytes</c> go. The new log start is
/// journaled first, then the old events are deleted, so a crash in between loses nothing recovery cannot finish.
/// </summary>
public sealed partial class PartitionActor
{
    private readonly List<IActorRef> _retentionRequesters = [];
    private RetentionPlan? _retentionRunning;
    private long _staleToSequenceNr; // recovery found batches below the log start: their delete did not finish

    private void CommandRetention()
    {
        Command<RetentionTick>(_ => RunRetention());
        Command<RunRetention>(_ =>
        {
            _retentionRequesters.Add(Sender);
            RunRetention();
        });
        Command<DeleteMessagesSuccess>(success => OnRetentionDeleted(success.ToSequenceNr, null));
        Command<DeleteMessagesFailure>(failure => OnRetentionDeleted(failure.ToSequenceNr, failure.Cause));
    }

    private void RunRetention()
    {
        if (_retentionRunning is not null) return; // the run under way answers the requesters
        var plan = _log.PlanRetention(_config.RetentionMs, _config.RetentionBytes, _settings.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        if (plan is null)
        {
            AnswerRetention(0, 0);
            return;
        }

        _retentionRunning = plan;
        PersistAsync(new LogStartOffsetAdvanced(plan.NewLogStartOffset), OnLogStartPersisted);
    }

    private void OnLogStartPersisted(LogStartOffsetAdvanced advanced)
    {
        var plan = _retentionRunning!;
        _log.AdvanceLogStart(advanced.LogStartOffset);
        _logger.Info(
            "Partition {Partition}: retention deletes {Batches} batches ({Bytes} bytes; {ByTime} past retention.ms={RetentionMs}, the rest over retention.bytes={RetentionBytes}); the log now starts at {LogStartOffset}", new object?[] {
            _partition, plan.Batches, plan.Bytes, plan.ByTime, _config.RetentionMs, _config.RetentionBytes, _log.LogStartOffset });
        DeleteEventsBelowLogStart(plan.DeleteToSequenceNr);
    }

    private void OnRetentionDeleted(long toSequenceNr, Exception? failure)
    {
        if (failure is not null)
            _logger.Warning(failure, "Partition {Partition}: deleting journal events up to sequence number {SequenceNr} failed ({Reason}); the next retention run deletes past them",
                _partition, toSequenceNr, failure.Message);
        // Only the delete of the run under way ends it; a clean-up after recovery may finish in between.
        if (_retentionRunning is not { } plan || toSequenceNr < plan.DeleteToSequenceNr) return;
        _retentionRunning = null;
        AnswerRetention(plan.Batches, plan.Bytes);
    }

    private void OnRetentionMarkerRejected()
    {
        _retentionRunning = null;
        AnswerRetention(0, 0);
    }

    private void AnswerRetention(int batches, long bytes)
    {
        foreach (var requester in _retentionRequesters)
            requester.Tell(new RetentionCompleted(_log.LogStartOffset, _log.LogEndOffset, batches, bytes), Self);
        _retentionRequesters.Clear();
    }

    private void RecoverLogStart(LogStartOffsetAdvanced advanced)
    {
        var dropped = _log.AdvanceLogStart(advanced.LogStartOffset);
        _staleToSequenceNr = Math.Max(_staleToSequenceNr, dropped);
    }

    private void FinishInterruptedRetention()
    {
        if (_staleToSequenceNr == 0) return;
        _logger.Info("Partition {Partition}: finishing an interrupted retention, deleting journal events up to sequence number {SequenceNr}",
            _partition, _staleToSequenceNr);
        DeleteEventsBelowLogStart(_staleToSequenceNr);
        _staleToSequenceNr = 0;
    }
}
