using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Snapshots;

namespace ActorBroker.Persistence;

// Messages an event-sourced actor sends itself while it recovers and writes. Internal: they never cross the network.

internal sealed record SnapshotLoaded(SelectedSnapshot? Snapshot);

internal sealed record ReplayChunkLoaded(IReadOnlyList<PersistentRepr> Events, bool ReachedEnd);

internal sealed record HighestSequenceNrRead(long HighestSequenceNr);

internal sealed record RecoveryStepFailed(Exception Cause);

/// <summary>One of the actor's journal writes finished (the result is on the write itself).</summary>
internal sealed class WriteFinished
{
    public static readonly WriteFinished Instance = new();
}
