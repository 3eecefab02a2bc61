using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// Binary encoding of <see cref="ShardingEnvelope"/> (id 9), which may travel on the hot path: the entity id,
/// then the wrapped message with its own serializer id and manifest. Layout: u16 id length, id (UTF-8),
/// i32 serializer id, u16 manifest length, manifest (UTF-8), payload to the end. Reads are bounds-checked.
/// </summary>
internal sealed class ShardingMessageSerializer(ActorSystem system) : Serializer
{
    public const int Id = 9;

    public override int Identifier => Id;

    public override string Manifest(object obj) => obj is ShardingEnvelope
        ? "E"
        : throw new SerializationException($"ShardingMessageSerializer cannot serialize {obj.GetType().FullName}");

    public override void ToBinary(object obj, IBufferWriter<byte> output)
    {
        var envelope = (ShardingEnvelope)obj;
        var inner = system.Serialization.Serialize(envelope.Message);
        WriteString(output, envelope.EntityId);
        BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), inner.SerializerId);
        output.Advance(4);
        WriteString(output, inner.Manifest);
        output.Write(inner.Payload);
    }

    public override object FromBinary(ReadOnlySpan<byte> bytes, string manifest)
    {
        if (manifest != "E") throw new SerializationException($"ShardingMessageSerializer: unknown manifest '{manifest}'");
        var entityId = ReadString(ref bytes);
        if (bytes.Length < 4) throw new SerializationException("ShardingMessageSerializer: envelope truncated before the serializer id");
        var serializerId = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        bytes = bytes[4..];
        var innerManifest = ReadString(ref bytes);
        return new ShardingEnvelope(entityId, system.Serialization.Deserialize(bytes, serializerId, innerManifest));
    }

    private static void WriteString(IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        if (length > ushort.MaxValue) throw new SerializationException($"ShardingMessageSerializer: '{text[..32]}...' is longer than {ushort.MaxValue} bytes");
        var span = output.GetSpan(2 + length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)length);
        Encoding.UTF8.GetBytes(text, span[2..]);
        output.Advance(2 + length);
    }

    private static string ReadString(ref ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 2) throw new SerializationException("ShardingMessageSerializer: envelope truncated before a string length");
        var length = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (bytes.Length < 2 + length) throw new SerializationException($"ShardingMessageSerializer: string of {length} bytes but only {bytes.Length - 2} left");
        var text = Encoding.UTF8.GetString(bytes.Slice(2, length));
        bytes = bytes[(2 + length)..];
        return text;
    }
}
