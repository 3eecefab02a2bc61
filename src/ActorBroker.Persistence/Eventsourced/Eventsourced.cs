using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Persistence;

/// <summary>
/// The machinery of an event-sourced actor, modelled on Akka.Persistence: recovery (snapshot, then
/// replay in bounded chunks), persisting events through the node's journal with group commit, and
/// running each event handler once its event is stored, in order. While a <c>Persist</c> is in flight,
/// or while recovering, new commands are stashed and processed afterwards in arrival order.
/// </summary>
public abstract partial class Eventsourced : ActorBase
{
    private readonly Queue<PendingInvocation> _pendingInvocations = new();
    private readonly Queue<OutstandingWrite> _outstandingWrites = new();
    private readonly List<(OutstandingWrite Write, AtomicWrite Atomic)> _unflushedWrites = [];
    private ActorStash? _internalStash;
    private Persistence? _persistence;
    private long _assignedSequenceNr;
    private int _pendingStashingInvocations;
    private bool _recovering = true;

    /// <summary>Identifies this actor's event stream in the journal; must be stable across restarts and unique.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>The sequence number of the last event stored (or replayed).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>True while events are being replayed.</summary>
    public bool IsRecovering => _recovering;

    /// <summary>Where recovery starts and ends; override to recover partially or not at all.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    protected Persistence Persistence => _persistence ??= Persistence.Get(Context.System);

    /// <summary>Handles replayed events, <see cref="SnapshotOffer"/> and <see cref="RecoveryCompleted"/>.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles commands once recovery completed.</summary>
    protected abstract bool ReceiveCommand(object message);

    private ActorStash InternalStash => _internalStash ??= new ActorStash(Cell, Context.System.Settings.StashCapacity);

    private ILogger Log => Context.GetLogger();

    protected sealed override bool Receive(object message)
    {
        if (_recovering) return ReceiveWhileRecovering(message);
        if (message is WriteFinished)
        {
            ProcessFinishedWrites();
            return true;
        }

        if (_pendingStashingInvocations > 0)
        {
            InternalStash.Stash();
            return true;
        }

        var handled = ReceiveCommand(message);
        FlushWrites();
        return handled;
    }

    internal override void AroundPreStart()
    {
        // PreStart runs first, as in Akka, so that it can set up state the recovery handlers use.
        base.AroundPreStart();
        StartRecovery();
    }

    internal override void AroundPreRestart(Exception reason, object? message)
    {
        // Commands stashed while persisting go back to the mailbox so the new incarnation sees them.
        _internalStash?.UnstashAll();
        base.AroundPreRestart(reason, message);
    }

    internal override void AroundPostRestart(Exception reason)
    {
        // The fresh instance starts empty: rebuild its state from the journal, as on a first start.
        base.AroundPostRestart(reason);
        StartRecovery();
    }

    internal override void AroundPostStop()
    {
        _internalStash?.DrainToDeadLetters();
        base.AroundPostStop();
    }

    /// <summary>Called when the journal failed to store an event: logs and stops the actor (state may be ahead of the journal).</summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        Log.LogError(cause, "Failed to persist event {EventType} with sequence number {SequenceNr} for persistence id '{PersistenceId}'; stopping {Actor}",
            @event.GetType().Name, sequenceNr, PersistenceId, Self.Path);
        Context.Stop(Self);
    }

    /// <summary>Called when an event was rejected before it was stored (e.g. it cannot be serialized): logs; the actor goes on.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        Log.LogWarning(cause, "Rejected event {EventType} for persistence id '{PersistenceId}': {Reason}",
            @event.GetType().Name, PersistenceId, cause.Message);
    }

    /// <summary>Called when recovery failed: logs and stops the actor.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event)
    {
        Log.LogError(cause, "Recovery of persistence id '{PersistenceId}' failed after sequence number {SequenceNr}: {Reason}; stopping {Actor}",
            PersistenceId, LastSequenceNr, cause.Message, Self.Path);
        Context.Stop(Self);
    }

    private sealed record PendingInvocation(object Event, long SequenceNr, Action<object>? Handler, IActorRef? Sender, bool Stashing, bool Deferred);

    /// <summary>One AtomicWrite on its way to the journal; results are processed strictly in submission order.</summary>
    private sealed class OutstandingWrite(int eventCount)
    {
        public int EventCount { get; } = eventCount;

        private volatile bool _done;

        public bool IsDone => _done;

        /// <summary>The store's per-write error (e.g. a duplicate sequence number); null on success.</summary>
        public Exception? Rejection { get; private set; }

        /// <summary>The whole batch failed in the store.</summary>
        public Exception? Failure { get; private set; }

        // Called from the writer's thread; the volatile write publishes the results to the actor.
        public void Complete(Exception? rejection, Exception? failure)
        {
            Rejection = rejection;
            Failure = failure;
            _done = true;
        }
    }
}
