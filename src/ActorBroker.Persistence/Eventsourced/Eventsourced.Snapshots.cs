using ActorBroker.Actors;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

public abstract partial class Eventsourced
{
    /// <summary>Saves <paramref name="snapshot"/> at <see cref="LastSequenceNr"/>; the actor then gets <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    protected void SaveSnapshot(object snapshot)
    {
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Task save;
        try
        {
            var payload = Context.System.Serialization.Serialize(snapshot);
            save = Persistence.SnapshotStore.SaveAsync(metadata, payload.Manifest, payload.SerializerId, payload.Payload, CancellationToken.None);
        }
        catch (Exception e)
        {
            save = Task.FromException(e);
        }

        save.PipeTo(Self, Self, success: () => new SaveSnapshotSuccess(metadata), failure: e => new SaveSnapshotFailure(metadata, e));
    }

    /// <summary>Deletes the snapshots matching <paramref name="criteria"/>; replies <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    protected void DeleteSnapshots(SnapshotSelectionCriteria criteria) =>
        Persistence.SnapshotStore.DeleteAsync(PersistenceId, criteria, CancellationToken.None)
            .PipeTo(Self, Self, success: () => new DeleteSnapshotsSuccess(criteria), failure: e => new DeleteSnapshotsFailure(criteria, e));

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/> (inclusive); replies <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>. Sequence numbers keep counting from the highest ever stored.</summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        var upTo = Math.Min(toSequenceNr, LastSequenceNr);
        Persistence.Journal.DeleteMessagesToAsync(PersistenceId, upTo, CancellationToken.None)
            .PipeTo(Self, Self, success: () => new DeleteMessagesSuccess(upTo), failure: e => new DeleteMessagesFailure(e, upTo));
    }
}
