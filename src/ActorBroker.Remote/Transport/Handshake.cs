using ActorBroker.Actors;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// The first exchange on every connection. The connecting node names itself (address and incarnation uid) and
/// the node it meant to reach; the accepting node answers with its own uid or refuses with a reason.
/// </summary>
internal static class Handshake
{
    /// <summary>Bumped when the frame layout changes incompatibly; a mismatch is refused with a clear reason.</summary>
    public const byte ProtocolVersion = 1;

    public sealed record Request(byte Version, Address From, long FromUid, Address To);

    public sealed record Accepted(Address Address, long Uid);

    /// <param name="Reason">Why, for the log of the refused node.</param>
    /// <param name="Quarantined">True when the refusing node quarantined this incarnation: only a restart helps.</param>
    public sealed record Refused(string Reason, bool Quarantined);

    public static byte[] EncodeRequest(Address from, long fromUid, Address to)
    {
        var fromBytes = Utf8(from.ToString());
        var toBytes = Utf8(to.ToString());
        var bodyLength = 1 + 1 + WireWriter.SizeOfBytes(fromBytes) + 8 + WireWriter.SizeOfBytes(toBytes);
        return Frame(bodyLength, (ref WireWriter w) =>
        {
            w.WriteByte((byte)FrameKind.Handshake);
            w.WriteByte(ProtocolVersion);
            w.WriteBytes(fromBytes);
            w.WriteInt64(fromUid);
            w.WriteBytes(toBytes);
        });
    }

    public static byte[] EncodeAccepted(Address address, long uid)
    {
        var addressBytes = Utf8(address.ToString());
        return Frame(1 + 8 + WireWriter.SizeOfBytes(addressBytes), (ref WireWriter w) =>
        {
            w.WriteByte((byte)FrameKind.HandshakeAck);
            w.WriteInt64(uid);
            w.WriteBytes(addressBytes);
        });
    }

    public static byte[] EncodeRefused(string reason, bool quarantined)
    {
        var reasonBytes = Utf8(reason);
        return Frame(1 + 1 + WireWriter.SizeOfBytes(reasonBytes), (ref WireWriter w) =>
        {
            w.WriteByte((byte)FrameKind.HandshakeReject);
            w.WriteByte(quarantined ? (byte)1 : (byte)0);
            w.WriteBytes(reasonBytes);
        });
    }

    /// <summary>Reads a handshake request; anything else first on a connection is a protocol violation.</summary>
    public static Request DecodeRequest(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body);
        var kind = r.ReadByte();
        if (kind != (byte)FrameKind.Handshake)
            throw new FrameFormatException($"expected a handshake as the first frame but got frame kind {kind}");
        var version = r.ReadByte();
        var from = ReadAddress(ref r, "from");
        var uid = r.ReadInt64();
        var to = ReadAddress(ref r, "to");
        return new Request(version, from, uid, to);
    }

    /// <summary>Reads the answer to a handshake: <see cref="Accepted"/> or <see cref="Refused"/>.</summary>
    public static object DecodeResponse(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body);
        var kind = r.ReadByte();
        switch ((FrameKind)kind)
        {
            case FrameKind.HandshakeAck:
                var uid = r.ReadInt64();
                return new Accepted(ReadAddress(ref r, "address"), uid);
            case FrameKind.HandshakeReject:
                var quarantined = r.ReadByte() == 1;
                return new Refused(r.ReadString(), quarantined);
            default:
                throw new FrameFormatException($"expected a handshake answer but got frame kind {kind}");
        }
    }

    private static Address ReadAddress(ref WireReader r, string field)
    {
        var text = r.ReadString();
        return Address.TryParse(text, out var address) && address.HasGlobalScope
            ? address
            : throw new FrameFormatException($"handshake field '{field}' is not a node address: '{Truncate(text)}'");
    }

    internal static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "...";

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    private delegate void BodyWriter(ref WireWriter writer);

    private static byte[] Frame(int bodyLength, BodyWriter write)
    {
        var frame = new byte[FrameDecoder.LengthPrefixSize + bodyLength];
        var w = new WireWriter(frame);
        w.WriteInt32(bodyLength);
        write(ref w);
        return frame;
    }
}
