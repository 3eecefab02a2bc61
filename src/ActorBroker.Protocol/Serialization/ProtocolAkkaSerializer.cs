using System.Buffers;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Protocol.Serialization;

/// <summary>
/// Akka.NET's serializer for the broker contract: every message of <see cref="ProtocolCodec.MessageTypes"/>, in the
/// codec's binary form, record batches as the producer's bytes. Bound by <see cref="ProtocolAkkaSerialization.Config"/>,
/// which broker nodes and client systems both load, so no contract message ever falls back to Akka's JSON serializer.
/// </summary>
public sealed class ProtocolAkkaSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Akka reserves 0-40 for itself; the project's serializers start at 100.</summary>
    public const int Id = 100;

    // A scratch buffer per thread: encoding needs no lock and, once warm, no growth. Akka wants an array of exactly the
    // message's size, so the bytes are copied once out of it; a buffer grown by one huge fetch response is not kept.
    private const int MaxRetainedScratchBytes = 1 << 20;
    [ThreadStatic] private static ArrayBufferWriter<byte>? _scratch;

    public override int Identifier => Id;

    public override string Manifest(object o) => ProtocolCodec.ManifestOf(o) ?? throw Unsupported(o);

    public override byte[] ToBinary(object obj)
    {
        var scratch = _scratch ??= new ArrayBufferWriter<byte>(4096);
        try
        {
            if (!ProtocolCodec.TryWrite(obj, scratch)) throw Unsupported(obj);
            return scratch.WrittenSpan.ToArray();
        }
        finally
        {
            if (scratch.Capacity > MaxRetainedScratchBytes) _scratch = null;
            else scratch.ResetWrittenCount();
        }
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            return ProtocolCodec.Read(bytes, manifest);
        }
        catch (FormatException e)
        {
            throw new System.Runtime.Serialization.SerializationException($"malformed broker protocol message '{manifest}': {e.Message}", e);
        }
    }

    private static System.Runtime.Serialization.SerializationException Unsupported(object o) =>
        new($"{nameof(ProtocolAkkaSerializer)} cannot serialize {o.GetType().FullName}: it is not a message of the broker contract");
}
