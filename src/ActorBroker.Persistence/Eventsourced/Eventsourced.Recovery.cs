using ActorBroker.Actors;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

public abstract partial class Eventsourced
{
    private long _replayedCount;
    private object? _lastReplayedEvent;

    private void StartRecovery()
    {
        _recovering = true;
        var recovery = Recovery;
        var persistence = Persistence;
        var persistenceId = PersistenceId;
        if (recovery.FromSnapshot == SnapshotSelectionCriteria.None || recovery.ToSequenceNr <= 0)
        {
            Self.Tell(new SnapshotLoaded(null), Self);
            return;
        }

        var criteria = recovery.FromSnapshot with { MaxSequenceNr = Math.Min(recovery.FromSnapshot.MaxSequenceNr, recovery.ToSequenceNr) };
        LoadSnapshotAsync(persistence, persistenceId, criteria).PipeTo(Self, Self,
            success: snapshot => new SnapshotLoaded(snapshot), failure: e => new RecoveryStepFailed(e));
    }

    private static async Task<SelectedSnapshot?> LoadSnapshotAsync(Persistence persistence, string persistenceId, SnapshotSelectionCriteria criteria)
    {
        await persistence.EnsureInitializedAsync().ConfigureAwait(false);
        return await persistence.SnapshotStore.LoadAsync(persistenceId, criteria, CancellationToken.None).ConfigureAwait(false);
    }

    private bool ReceiveWhileRecovering(object message)
    {
        try
        {
            switch (message)
            {
                case SnapshotLoaded loaded:
                    OfferSnapshot(loaded.Snapshot);
                    RequestReplayChunk();
                    return true;
                case ReplayChunkLoaded chunk:
                    ReplayChunk(chunk);
                    return true;
                case HighestSequenceNrRead highest:
                    CompleteRecovery(highest.HighestSequenceNr);
                    return true;
                case RecoveryStepFailed failed:
                    FailRecovery(failed.Cause);
                    return true;
                default:
                    InternalStash.Stash(); // commands wait until the state is rebuilt
                    return true;
            }
        }
        catch (Exception e)
        {
            FailRecovery(e);
            return true;
        }
    }

    private void OfferSnapshot(SelectedSnapshot? selected)
    {
        if (selected is null) return;
        var metadata = selected.Metadata;
        object snapshot;
        try
        {
            snapshot = Context.System.Serialization.Deserialize(selected.Payload.Span, selected.SerializerId, selected.Manifest);
        }
        catch (Exception e)
        {
            throw new JournalCorruptionException(metadata.PersistenceId, metadata.SequenceNr, $"snapshot cannot be deserialized: {e.Message}", e);
        }

        LastSequenceNr = metadata.SequenceNr;
        ReceiveRecover(new SnapshotOffer(metadata, snapshot));
    }

    private void RequestReplayChunk()
    {
        var recovery = Recovery;
        var remaining = recovery.ReplayMax - _replayedCount;
        var from = LastSequenceNr + 1;
        if (remaining <= 0 || from > recovery.ToSequenceNr)
        {
            RequestHighestSequenceNr();
            return;
        }

        var chunkSize = Math.Min(Persistence.Settings.ReplayChunkSize, remaining);
        var store = Persistence.Journal;
        var persistenceId = PersistenceId;
        ReadChunkAsync(store, persistenceId, from, recovery.ToSequenceNr, chunkSize)
            .PipeTo(Self, Self, success: events => new ReplayChunkLoaded(events, events.Count < chunkSize), failure: e => new RecoveryStepFailed(e));
    }

    private static async Task<IReadOnlyList<PersistentRepr>> ReadChunkAsync(IJournalStore store, string persistenceId, long from, long to, long max)
    {
        var events = new List<PersistentRepr>((int)Math.Min(max, 1024));
        await foreach (var repr in store.ReplayAsync(persistenceId, from, to, max, CancellationToken.None).ConfigureAwait(false))
            events.Add(repr);
        return events;
    }

    private void ReplayChunk(ReplayChunkLoaded chunk)
    {
        foreach (var repr in chunk.Events)
        {
            object @event;
            try
            {
                @event = Context.System.Serialization.Deserialize(repr.Payload.Span, repr.SerializerId, repr.Manifest);
            }
            catch (Exception e)
            {
                throw new JournalCorruptionException(repr.PersistenceId, repr.SequenceNr,
                    $"event cannot be deserialized (serializer {repr.SerializerId}, manifest '{repr.Manifest}'): {e.Message}", e);
            }

            _lastReplayedEvent = @event;
            LastSequenceNr = repr.SequenceNr;
            _replayedCount++;
            Cell.RunAs(@event, Context.System.DeadLetters, () => ReceiveRecover(@event));
        }

        if (chunk.ReachedEnd) RequestHighestSequenceNr();
        else RequestReplayChunk();
    }

    private void RequestHighestSequenceNr() =>
        // Even a bounded recovery continues after the highest stored number, so new events never collide.
        Persistence.Journal.ReadHighestSequenceNrAsync(PersistenceId, LastSequenceNr, CancellationToken.None)
            .PipeTo(Self, Self, success: n => new HighestSequenceNrRead(n), failure: e => new RecoveryStepFailed(e));

    private void CompleteRecovery(long highestStored)
    {
        _assignedSequenceNr = Math.Max(LastSequenceNr, highestStored);
        if (Recovery.ToSequenceNr == long.MaxValue) LastSequenceNr = _assignedSequenceNr;
        _recovering = false;
        _lastReplayedEvent = null;
        ReceiveRecover(RecoveryCompleted.Instance);
        FlushWrites(); // RecoveryCompleted handlers may persist
        _internalStash?.UnstashAll();
    }

    private void FailRecovery(Exception cause)
    {
        _recovering = false;
        var @event = _lastReplayedEvent;
        _lastReplayedEvent = null;
        OnRecoveryFailure(cause, @event);
    }
}
