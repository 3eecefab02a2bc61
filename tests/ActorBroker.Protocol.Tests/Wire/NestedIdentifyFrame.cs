namespace ActorBroker.Protocol.Tests.Wire;

/// <summary>
/// The bytes of Akka's Identify message (serializer id 16, manifest "ID") whose message id is an Identify, whose
/// message id is an Identify... <c>depth</c> times: the attack frame, built by hand because serializing such an object
/// recurses on the sender as deep as it nests. Protobuf lets fields come in any order, so each level is a prefix of
/// the level inside it and the frame is written back to front in one buffer.
/// </summary>
internal static class NestedIdentifyFrame
{
    public const int MiscSerializerId = 16;
    public const string IdentifyManifest = "ID";

    public static byte[] Bytes(int depth)
    {
        var buffer = new byte[depth * 24];
        var start = buffer.Length; // the innermost Identify has no message id: zero bytes
        for (var level = 0; level < depth; level++)
        {
            var inner = buffer.Length - start;
            // Payload { serializerId = 16 (field 2); messageManifest = "ID" (field 3); message = inner (field 1) }
            start = PrependLengthPrefixed(buffer, start, 0x0A, inner);
            start = Prepend(buffer, start, [0x10, MiscSerializerId, 0x1A, 0x02, (byte)'I', (byte)'D']);
            // Identify { messageId = payload (field 1) }
            start = PrependLengthPrefixed(buffer, start, 0x0A, buffer.Length - start);
        }

        return buffer[start..];
    }

    private static int PrependLengthPrefixed(byte[] buffer, int start, byte tag, int length)
    {
        Span<byte> varint = stackalloc byte[5];
        var n = 0;
        var value = (uint)length;
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            varint[n++] = value == 0 ? b : (byte)(b | 0x80);
        } while (value != 0);

        start = Prepend(buffer, start, varint[..n]);
        return Prepend(buffer, start, [tag]);
    }

    private static int Prepend(byte[] buffer, int start, ReadOnlySpan<byte> bytes)
    {
        start -= bytes.Length;
        bytes.CopyTo(buffer.AsSpan(start));
        return start;
    }
}
