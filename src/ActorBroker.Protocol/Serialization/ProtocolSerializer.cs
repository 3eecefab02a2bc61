using System.Buffers;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Protocol.Serialization;

/// <summary>
/// The broker contract on the in-project runtime (id 10): adapts <see cref="ProtocolCodec"/> to its serializer SPI
/// until the broker runs on Akka.NET, where <see cref="ProtocolAkkaSerializer"/> does the same.
/// </summary>
public sealed class ProtocolSerializer : Serializer
{
    public const int Id = 10;

    public override int Identifier => Id;

    public override string Manifest(object obj) => ProtocolCodec.ManifestOf(obj) ?? throw Unsupported(obj);

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        if (!ProtocolCodec.TryWrite(obj, output)) throw Unsupported(obj);
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        try
        {
            return ProtocolCodec.Read(bytes, manifest);
        }
        catch (FormatException e)
        {
            throw new SerializationException($"malformed broker protocol message '{manifest}': {e.Message}", e);
        }
    }

    private static SerializationException Unsupported(object obj) =>
        new($"{nameof(ProtocolSerializer)} cannot serialize {obj.GetType().FullName}");
}
