namespace ActorBroker.Persistence.Journal;

/// <summary>
/// A write tried to store a sequence number that already exists for its persistence id.
/// Rows are never overwritten: this is what stops two incarnations of one actor from both writing.
/// </summary>
public sealed class DuplicateSequenceNumberException : Exception
{
    public DuplicateSequenceNumberException(string persistenceId, long sequenceNr, Exception? innerException = null)
        : base($"Sequence number {sequenceNr} already exists for persistence id '{persistenceId}'.", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    public string PersistenceId { get; }

    public long SequenceNr { get; }
}
