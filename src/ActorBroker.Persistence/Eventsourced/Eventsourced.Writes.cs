using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

public abstract partial class Eventsourced
{
    /// <summary>Runs the handlers of finished writes, oldest first; a later write never overtakes an earlier one.</summary>
    private void ProcessFinishedWrites()
    {
        while (_outstandingWrites.TryPeek(out var write) && write.IsDone)
        {
            _outstandingWrites.Dequeue();
            var failure = write.Failure ?? (write.Rejection is DuplicateSequenceNumberException duplicate ? duplicate : null);
            for (var i = 0; i < write.EventCount; i++)
            {
                var invocation = _pendingInvocations.Dequeue();
                if (invocation.Stashing) _pendingStashingInvocations--;
                var sequenceNr = invocation.SequenceNr;
                if (failure is not null)
                {
                    // A duplicate sequence number means another incarnation wrote this stream: fail, never overwrite.
                    OnPersistFailure(failure, invocation.Event, sequenceNr);
                    return;
                }

                if (write.Rejection is not null)
                {
                    OnPersistRejected(write.Rejection, invocation.Event, sequenceNr);
                    continue;
                }

                LastSequenceNr = sequenceNr;
                Invoke(invocation);
            }

            RunDeferredHandlers();
        }

        FlushWrites(); // handlers may have persisted more
        if (_pendingStashingInvocations == 0) _internalStash?.UnstashAll();
    }

    private void RunDeferredHandlers()
    {
        while (_pendingInvocations.TryPeek(out var next) && next.Deferred)
        {
            _pendingInvocations.Dequeue();
            Invoke(next);
        }
    }

    private void Invoke(PendingInvocation invocation) =>
        Cell.RunAs(invocation.Event, invocation.Sender, () => invocation.Handler?.Invoke(invocation.Event));
}
