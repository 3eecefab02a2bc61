namespace ActorBroker.Journal.Rows;

/// <summary>
/// One journal row: an event's identity and metadata, and its payload as Akka-serialized bytes (the serializer's id
/// and manifest are what deserialization needs, so rows outlive changes to type names and serializer bindings).
/// <c>EventManifest</c> is the event adapter's manifest (<c>IPersistentRepresentation.Manifest</c>), not the serializer's.
/// </summary>
internal sealed record StoredEvent(
    string PersistenceId,
    long SequenceNr,
    long Timestamp,
    string WriterGuid,
    string EventManifest,
    int SerializerId,
    string SerializerManifest,
    byte[] Payload);
