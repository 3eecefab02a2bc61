using System.Buffers;

namespace ActorBroker.Actors.Serialization;

/// <summary>Passes byte arrays through unchanged.</summary>
public sealed class ByteArraySerializer : Serializer
{
    public const int Id = 4;

    public override int Identifier => Id;

    public override string Manifest(object obj) => "";

    public override void ToBinary(object obj, IBufferWriter<byte> output) => output.Write((byte[])obj);

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest) => bytes.ToArray();
}
