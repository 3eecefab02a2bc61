namespace ActorBroker.Persistence.Journal;

/// <summary>
/// A stored event cannot be read back (missing or mistyped payload, invalid serializer id,
/// unknown manifest, truncated data). Thrown by stores and by the serialization layer above them.
/// </summary>
public sealed class JournalCorruptionException : Exception
{
    public JournalCorruptionException(string persistenceId, long sequenceNr, string reason, Exception? innerException = null)
        : base($"Journal row of persistence id '{persistenceId}' with sequence number {sequenceNr} is corrupt: {reason}", innerException)
    {
        PersistenceId = persistenceId;
        SequenceNr = sequenceNr;
        Reason = reason;
    }

    public string PersistenceId { get; }

    public long SequenceNr { get; }

    public string Reason { get; }
}
