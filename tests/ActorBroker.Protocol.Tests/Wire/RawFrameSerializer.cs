using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Protocol.Tests.Wire;

/// <summary>What an attacker puts on the wire: bytes of its choosing under a serializer id and manifest of its choosing.</summary>
internal sealed record RawFrame(byte[] Bytes, string Manifest);

/// <summary>
/// The attacking system's stand-in for Akka's serializer id 16: it sends a <see cref="RawFrame"/>'s bytes as they are,
/// so the receiver reads them as Akka's Identify.
/// </summary>
internal sealed class RawFrameSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => NestedIdentifyFrame.MiscSerializerId;

    public override byte[] ToBinary(object obj) => ((RawFrame)obj).Bytes;

    public override string Manifest(object o) => ((RawFrame)o).Manifest;

    public override object FromBinary(byte[] bytes, string manifest) => throw new NotSupportedException("the attacker only sends");
}
