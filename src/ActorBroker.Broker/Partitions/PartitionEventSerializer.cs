using System.Buffers;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The partition log's journal events on the in-project runtime (id 11): adapts <see cref="PartitionEventCodec"/> until
/// the broker runs on Akka.NET, where <see cref="PartitionEventAkkaSerializer"/> does the same.
/// </summary>
public sealed class PartitionEventSerializer : Serializer
{
    public const int Id = 11;

    internal const string BatchManifest = PartitionEventCodec.BatchManifest;
    internal const string LogStartManifest = PartitionEventCodec.LogStartManifest;
    internal const string TruncationManifest = PartitionEventCodec.TruncationManifest;

    public override int Identifier => Id;

    /// <summary>Adds the serializer to <paramref name="system"/> and binds the journal events to it; calling it again does nothing.</summary>
    public static void Register(ActorSystem system) => system.GetOrAddExtension(static s =>
    {
        s.Serialization.AddSerializer(new PartitionEventSerializer());
        foreach (var type in PartitionEventCodec.EventTypes) s.Serialization.Bind(type, Id);
        return new Registered();
    });

    public override string Manifest(object obj) => PartitionEventCodec.ManifestOf(obj) ?? throw Unsupported(obj);

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        if (!PartitionEventCodec.TryWrite(obj, output)) throw Unsupported(obj);
    }

    /// <summary>Rebuilds an event; a batch gets a copy of the bytes, as the span is only lent.</summary>
    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => FromPayload(bytes.ToArray(), manifest);

    /// <summary>Like <see cref="FromBinary"/> but a batch wraps the journal's payload without copying it.</summary>
    internal static object FromPayload(ReadOnlyMemory<byte> payload, string manifest)
    {
        try
        {
            return PartitionEventCodec.Read(payload, manifest);
        }
        catch (FormatException e)
        {
            throw new SerializationException($"{nameof(PartitionEventSerializer)}: {e.Message}", e);
        }
    }

    private static SerializationException Unsupported(object obj) => new($"{nameof(PartitionEventSerializer)} cannot serialize {obj.GetType().FullName}");

    private sealed class Registered;
}
