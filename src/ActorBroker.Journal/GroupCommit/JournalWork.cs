using ActorBroker.Journal.Rows;

namespace ActorBroker.Journal.GroupCommit;

/// <summary>
/// An item on the writer's queue: completed when the transaction holding it commits, or failed with its own error.
/// Appends and deletes share the queue so that they reach the database in the order the journal received them.
/// </summary>
internal abstract class JournalWork() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

/// <summary>The events of one <c>WriteMessagesAsync</c> call (one persistent actor's batch): stored all or none.</summary>
internal sealed class AppendEvents(IReadOnlyList<StoredEvent> events) : JournalWork
{
    public IReadOnlyList<StoredEvent> Events { get; } = events;
}

/// <summary>Deletes a persistence id's events up to a sequence number (inclusive).</summary>
internal sealed class DeleteEventsTo(string persistenceId, long toSequenceNr) : JournalWork
{
    public string PersistenceId { get; } = persistenceId;

    public long ToSequenceNr { get; } = toSequenceNr;
}
