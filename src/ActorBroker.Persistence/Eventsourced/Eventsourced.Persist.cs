using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence;

public abstract partial class Eventsourced
{
    /// <summary>
    /// Stores <paramref name="event"/> and then runs <paramref name="handler"/> with it. Until the handler
    /// ran, new commands are stashed, so the actor's state never runs ahead of its journal.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue([@event], handler, stashing: true);

    /// <summary>Stores the events atomically (all or none) and runs the handler for each, in order.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue([.. events], handler, stashing: true);

    /// <summary>Like <see cref="Persist{TEvent}"/> but commands keep flowing while the event is stored; handlers still run in order.</summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue([@event], handler, stashing: false);

    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull =>
        Enqueue([.. events], handler, stashing: false);

    /// <summary>Runs <paramref name="handler"/> after the handlers of all events persisted before it (at once if none are pending). Nothing is stored.</summary>
    protected void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull
    {
        if (_pendingInvocations.Count == 0)
        {
            handler(@event);
            return;
        }

        _pendingInvocations.Enqueue(new PendingInvocation(@event, 0, e => handler((TEvent)e), Sender, Stashing: false, Deferred: true));
    }

    private void Enqueue<TEvent>(IReadOnlyList<TEvent> events, Action<TEvent> handler, bool stashing) where TEvent : notnull
    {
        if (events.Count == 0) return;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var reprs = new List<PersistentRepr>(events.Count);
        try
        {
            for (var i = 0; i < events.Count; i++)
            {
                var payload = Context.System.Serialization.Serialize(events[i]);
                reprs.Add(new PersistentRepr(PersistenceId, _assignedSequenceNr + 1 + i, timestamp, payload.Manifest, payload.SerializerId, payload.Payload));
            }
        }
        catch (Exception e)
        {
            // Nothing was stored and no sequence number was used: the actor hears of it and goes on.
            foreach (var ev in events) OnPersistRejected(e, ev, -1);
            return;
        }

        var write = new OutstandingWrite(events.Count);
        foreach (var ev in events)
        {
            _pendingInvocations.Enqueue(new PendingInvocation(ev, ++_assignedSequenceNr, e => handler((TEvent)e), Sender, stashing, Deferred: false));
            if (stashing) _pendingStashingInvocations++;
        }

        _unflushedWrites.Add((write, new AtomicWrite(reprs)));
    }

    /// <summary>Hands the writes of the last command (or handler) to the journal's group-commit writer.</summary>
    private void FlushWrites()
    {
        if (_unflushedWrites.Count == 0) return;
        var self = Self;
        foreach (var (write, atomic) in _unflushedWrites)
        {
            _outstandingWrites.Enqueue(write);
            Persistence.Batcher.WriteAsync(atomic).ContinueWith(
                static (t, state) =>
                {
                    var (w, s) = ((OutstandingWrite, IActorRef))state!;
                    if (t.IsCompletedSuccessfully) w.Complete(rejection: t.Result, failure: null);
                    else w.Complete(null, t.Exception?.InnerException ?? new OperationCanceledException("The journal write was cancelled"));
                    s.Tell(WriteFinished.Instance, s);
                },
                (write, self),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        _unflushedWrites.Clear();
    }
}
