using System.Buffers.Binary;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Journal.Tests.Support;

/// <summary>
/// A binary serializer with a string manifest, as the broker's record batch serializer will be: the journal must hand
/// its id, manifest and bytes back unchanged for replay to find it again.
/// </summary>
public sealed class RecordBatchSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const string BatchManifest = "RB1";

    public override int Identifier => 4711;

    public override string Manifest(object o) => o is RecordBatch
        ? BatchManifest
        : throw new ArgumentException($"Cannot serialize {o.GetType()}", nameof(o));

    public override byte[] ToBinary(object obj)
    {
        var batch = (RecordBatch)obj;
        var bytes = new byte[8 + batch.Bytes.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, batch.BaseOffset);
        batch.Bytes.CopyTo(bytes, 8);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, string manifest) => manifest == BatchManifest
        ? new RecordBatch(BinaryPrimitives.ReadInt64BigEndian(bytes), bytes[8..])
        : throw new ArgumentException($"Unknown manifest '{manifest}'", nameof(manifest));
}
