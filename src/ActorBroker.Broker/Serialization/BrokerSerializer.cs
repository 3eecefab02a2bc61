using System.Buffers;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Broker.Serialization;

/// <summary>
/// The broker's node-to-node messages and controller events on the in-project runtime (id 12): adapts
/// <see cref="BrokerCodec"/> until the broker runs on Akka.NET, where <see cref="BrokerAkkaSerializer"/> does the same.
/// </summary>
internal sealed class BrokerSerializer : Serializer
{
    public const int Id = 12;

    public override int Identifier => Id;

    public override string Manifest(object obj) => BrokerCodec.ManifestOf(obj) ?? throw Unsupported(obj);

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        if (!BrokerCodec.TryWrite(obj, output)) throw Unsupported(obj);
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        try
        {
            return BrokerCodec.Read(bytes, manifest);
        }
        catch (FormatException e)
        {
            throw new SerializationException($"malformed broker control message '{manifest}': {e.Message}", e);
        }
    }

    private static SerializationException Unsupported(object obj) => new($"{nameof(BrokerSerializer)} cannot serialize {obj.GetType().FullName}");
}
