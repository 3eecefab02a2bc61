using System.Text;
using ActorBroker.Protocol.Serialization;

namespace ActorBroker.Protocol.Tests.Wire;

/// <summary>
/// Akka.Remote 1.5's frames (its protobuf PDUs: WireFormats.proto and ContainerFormats.proto), written by hand so
/// that a test can make any frame a peer could, including the ones Akka itself never writes.
/// </summary>
internal static class AkkaPdus
{
    public const string Node = "akka.ssl.tcp://broker@127.0.0.1:2552";
    public const string Client = "akka.ssl.tcp://app@127.0.0.1:40000";
    public const int ProtocolSerializer = ProtocolAkkaSerializer.Id;
    public const ulong NoSequenceNumber = ulong.MaxValue;

    /// <summary>The handshake (ASSOCIATE) of a system named <paramref name="system"/> on 127.0.0.1:40000.</summary>
    public static byte[] Associate(string system = "app")
    {
        var origin = new Proto().Text(1, system).Text(2, "127.0.0.1").Varint(3, 40000).Text(4, "ssl.tcp");
        var handshake = new Proto().Message(1, origin).Fixed64(2, 42);
        return new Proto().Message(2, new Proto().Varint(1, 1).Message(2, handshake)).ToArray();
    }

    public static byte[] Heartbeat() => new Proto().Message(2, new Proto().Varint(1, 3)).ToArray();

    /// <summary>A message envelope; <paramref name="sequenceNumber"/> null leaves the field out, as for sequence number 0.</summary>
    public static byte[] Message(string recipient, int serializer, string manifest, byte[] body, string? sender = Client + "/temp/a",
        ulong? sequenceNumber = NoSequenceNumber)
    {
        var envelope = new Proto().Message(1, new Proto().Text(1, recipient)).Message(2, Payload(serializer, manifest, body));
        if (sender is not null) envelope.Message(4, new Proto().Text(1, sender));
        if (sequenceNumber is { } seq) envelope.Fixed64(5, seq);
        return Container(envelope);
    }

    public static byte[] Container(Proto envelope) => new Proto().Bytes(1, new Proto().Message(2, envelope).ToArray()).ToArray();

    public static Proto Payload(int serializer, string manifest, byte[] body) =>
        new Proto().Bytes(1, body).Varint(2, (ulong)serializer).Text(3, manifest);

    /// <summary>The pub-sub Send (serializer 9, manifest C) the cluster client wraps a request in.</summary>
    public static byte[] PubSubSend(string path, int innerSerializer) =>
        new Proto().Text(1, path).Message(3, Payload(innerSerializer, "X", [1, 2, 3])).ToArray();

    /// <summary>A selection envelope (serializer 6) of child names, or with a wildcard when an element has '*'.</summary>
    public static byte[] Selection(string[] elements, int serializer, string manifest)
    {
        var selection = new Proto().Message(1, Payload(serializer, manifest, []));
        foreach (var element in elements)
            selection.Message(2, new Proto().Varint(1, element == ".." ? 1UL : element.Contains('*') ? 3UL : 2UL).Text(2, element));
        return selection.ToArray();
    }

    /// <summary>A protobuf message being written.</summary>
    internal sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Varint(int field, ulong value)
        {
            Key(field, 0);
            WriteVarint(value);
            return this;
        }

        public Proto Fixed64(int field, ulong value)
        {
            Key(field, 1);
            Span<byte> bytes = stackalloc byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
            _bytes.Write(bytes);
            return this;
        }

        public Proto Bytes(int field, byte[] value)
        {
            Key(field, 2);
            WriteVarint((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        public Proto Text(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Proto value) => Bytes(field, value.ToArray());

        public byte[] ToArray() => _bytes.ToArray();

        private void Key(int field, int wireType) => WriteVarint((ulong)(field << 3 | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }
    }
}
