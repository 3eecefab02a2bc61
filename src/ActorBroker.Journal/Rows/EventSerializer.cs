using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;
using AkkaSerialization = Akka.Serialization.Serialization;

namespace ActorBroker.Journal.Rows;

/// <summary>Turns persistent representations into rows and back through the ActorSystem's serializers.</summary>
internal sealed class EventSerializer(ExtendedActorSystem system)
{
    public StoredEvent ToStored(IPersistentRepresentation persistent, long defaultTimestamp)
    {
        // Tags are not stored: the partition logs never query by tag.
        var payload = persistent.Payload is Tagged tagged ? tagged.Payload : persistent.Payload;
        var serializer = system.Serialization.FindSerializerFor(payload);
        // With the transport in scope, actor refs inside a payload serialize with this node's remote address.
        var bytes = AkkaSerialization.WithTransport(system, (serializer, payload), s => s.serializer.ToBinary(s.payload));
        return new StoredEvent(
            persistent.PersistenceId,
            persistent.SequenceNr,
            persistent.Timestamp > 0 ? persistent.Timestamp : defaultTimestamp,
            persistent.WriterGuid ?? "",
            persistent.Manifest ?? "",
            serializer.Identifier,
            AkkaSerialization.ManifestFor(serializer, payload),
            bytes);
    }

    public Persistent ToPersistent(StoredEvent row) => new(
        system.Serialization.Deserialize(row.Payload, row.SerializerId, row.SerializerManifest),
        row.SequenceNr,
        row.PersistenceId,
        row.EventManifest,
        isDeleted: false,
        ActorRefs.NoSender,
        row.WriterGuid,
        row.Timestamp);
}
