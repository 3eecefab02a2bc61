namespace ActorBroker.Journal;

/// <summary>
/// The journal already holds this (persistence id, sequence number): another incarnation of the actor wrote it.
/// The write fails (rather than being rejected) so that the persistent actor stops instead of diverging.
/// </summary>
public sealed class DuplicateEventException : Exception
{
    public DuplicateEventException(string persistenceId, long sequenceNr, Exception inner)
        : base($"The journal already holds sequence number {sequenceNr} of '{persistenceId}'; another incarnation wrote it.", inner)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
    }

    public string PersistenceId { get; }

    public long SequenceNr { get; }
}
