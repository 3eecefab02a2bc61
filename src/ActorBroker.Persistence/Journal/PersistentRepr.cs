namespace ActorBroker.Persistence.Journal;

/// <summary>
/// One journal event as the store sees it: already serialized, identified by
/// (<see cref="PersistenceId"/>, <see cref="SequenceNr"/>).
/// </summary>
/// <remarks>
/// Record equality compares <see cref="Payload"/> by memory identity, not by content.
/// </remarks>
public sealed record PersistentRepr(
    string PersistenceId,
    long SequenceNr,
    long TimestampMs,
    string Manifest,
    int SerializerId,
    ReadOnlyMemory<byte> Payload,
    bool IsDeleted = false);
