using System.Text;
using Akka.Actor;

namespace ActorBroker.Protocol.Serialization.Wire;

/// <summary>
/// What a node accepts on one connection from a peer that holds a client certificate, read from Akka.Remote's frames
/// (its protobuf PDUs, before Akka decodes them) in the order they arrive. A client talks to two actors: the
/// broker's front, <c>/user/broker</c>, with the broker contract's messages, and the cluster client receptionist,
/// <c>/system/receptionist</c>, with the cluster client's own messages and requests for the front. Everything
/// else a certificate holder could send over Akka.Remote is refused: joins and gossip, system messages (Watch,
/// Terminate, ...), PoisonPill and Kill, messages to any other actor, a sender outside its own actor system, a broker
/// request without a sender (the sender is how the front knows whose request it is), and a handshake in the name of
/// the cluster's actor system, which is how every member is named.
/// </summary>
public sealed class ClientFrames(string clusterSystemName)
{
    // Akka.NET 1.5's serializer identifiers and manifests for what a cluster client sends.
    private const int SelectionSerializer = 6, PubSubSerializer = 9, ClusterClientSerializer = 15, MiscSerializer = 16;
    private const int ChildName = 2;
    private const ulong Associate = 1;

    private static readonly string[] Broker = ["user", "broker"];
    private static readonly string[] Receptionist = ["system", "receptionist"];

    private Address? _origin;

    /// <summary>The address the client gave in its handshake, once it has.</summary>
    public Address? Origin => _origin;

    /// <summary>
    /// Why the frame <paramref name="pdu"/> is refused, or null to let it through. With
    /// <paramref name="closeConnection"/> the connection itself should end (a handshake a client may not make).
    /// </summary>
    public string? Refusal(ReadOnlySpan<byte> pdu, out bool closeConnection)
    {
        closeConnection = false;
        var fields = new ProtobufFields(pdu);
        ReadOnlySpan<byte> payload = default, instruction = default;
        var seen = 0;
        while (fields.NextAny(out var field, out var wireType, out _, out var bytes))
        {
            if (field is not (1 or 2)) continue;
            if (wireType != ProtobufFields.LengthDelimited || (seen & field) != 0) return "a malformed frame";
            seen |= field;
            if (field == 1) payload = bytes;
            else instruction = bytes;
        }

        if (fields.Malformed) return "a malformed frame";
        if (seen == 2) return InstructionRefusal(instruction, out closeConnection);
        return seen == 1 ? PayloadRefusal(payload) : null;
    }

    private string? InstructionRefusal(ReadOnlySpan<byte> control, out bool closeConnection)
    {
        closeConnection = false;
        if (!Scan(control, out var command, out var handshake, 1, 2)) return "a malformed control frame";
        if (command.Scalar != Associate) return null;
        closeConnection = true;
        if (!Scan(handshake.Bytes, out var originField, out _, 1, 0) || originField.Bytes.IsEmpty) return "a handshake without an origin";
        if (!Scan(originField.Bytes, out var system, out var host, 1, 2) || !Scan(originField.Bytes, out var port, out var protocol, 3, 4))
            return "a handshake with a malformed origin";
        var systemName = Encoding.UTF8.GetString(system.Bytes);
        if (string.Equals(systemName, clusterSystemName, StringComparison.Ordinal))
            return $"a handshake in the name of the cluster's actor system '{WireText.Excerpt(systemName)}': a client certificate cannot act as a node";
        if (_origin is not null) return "a second handshake on one connection";
        // The handshake names the transport's scheme (ssl.tcp); actor paths carry Akka's (akka.ssl.tcp).
        var scheme = Encoding.UTF8.GetString(protocol.Bytes);
        _origin = new Address(scheme.StartsWith("akka.", StringComparison.Ordinal) ? scheme : "akka." + scheme, systemName,
            Encoding.UTF8.GetString(host.Bytes), (int)port.Scalar);
        closeConnection = false;
        return null;
    }

    private string? PayloadRefusal(ReadOnlySpan<byte> container)
    {
        if (!Scan(container, out _, out var envelopeField, 1, 2)) return "a malformed message container";
        if (envelopeField.Bytes.IsEmpty) return null; // acknowledgements only
        var envelope = new ProtobufFields(envelopeField.Bytes);
        ReadOnlySpan<byte> recipient = default, message = default, sender = default;
        var seen = 0;
        // Akka reads a message as a system message (Watch, Unwatch, Terminate, death notifications, ...), delivered in
        // order by sequence number, unless its sequence number is ulong.MaxValue; an absent one reads as 0.
        var sequenceNumber = 0UL;
        while (envelope.NextAny(out var field, out var wireType, out var scalar, out var bytes))
        {
            if (field == 5) sequenceNumber = scalar;
            if (field is not (1 or 2 or 4)) continue;
            if (wireType != ProtobufFields.LengthDelimited || (seen & field) != 0) return "a malformed envelope";
            seen |= field;
            if (field == 1) recipient = bytes;
            else if (field == 2) message = bytes;
            else sender = bytes;
        }

        if (envelope.Malformed || (seen & 3) != 3) return "a malformed envelope";
        if (_origin is null) return "a message before the handshake";
        Field senderPath = default;
        var hasSender = seen == 7 && Scan(sender, out senderPath, out _, 1, 0) && !senderPath.Bytes.IsEmpty;
        if (hasSender && SenderRefusal(senderPath.Bytes) is { } senderRefusal) return senderRefusal;
        if (!Scan(recipient, out var recipientPath, out _, 1, 0) || !ActorPath.TryParse(Encoding.UTF8.GetString(recipientPath.Bytes), out var to))
            return "a message without a recipient it can name";
        if (!Scan(message, out var body, out var serializer, 1, 2) || !Scan(message, out var manifest, out _, 3, 0))
            return "a malformed message";
        var elements = to.Elements;
        var id = (int)serializer.Scalar;
        if (sequenceNumber != ulong.MaxValue)
            return $"a system message (Watch, Unwatch, Terminate, ...; serializer {id} manifest {WireText.Excerpt(Encoding.UTF8.GetString(manifest.Bytes))}) to {WireText.Excerpt(Encoding.UTF8.GetString(recipientPath.Bytes))}";
        // A request's sender says whose it is (the broker front's ACL check); one without would pass for the node's own.
        if (elements.SequenceEqual(Broker))
            return id != ProtocolAkkaSerializer.Id ? $"a message to /user/broker that is not a broker request (serializer {id})"
                : hasSender ? null : "a broker request without a sender";
        if (elements.SequenceEqual(Receptionist))
            return !hasSender && id == PubSubSerializer ? "a request for the broker through the receptionist without a sender" : ReceptionistRefusal(id, manifest.Bytes, body.Bytes);
        if (elements.Count == 0 && id == SelectionSerializer)
            return SelectionRefusal(body.Bytes);
        return $"a message to {WireText.Excerpt(to.ToStringWithoutAddress())}: clients may address /user/broker and /system/receptionist only";
    }

    /// <summary>Why a message whose sender is <paramref name="path"/> (the sender's path field, not empty) is refused, or null.</summary>
    private string? SenderRefusal(ReadOnlySpan<byte> path)
    {
        var text = Encoding.UTF8.GetString(path);
        return ActorPath.TryParse(text, out var from) && from.Address.Equals(_origin)
            ? null
            : $"a message whose sender {WireText.Excerpt(text)} is not in the client's own actor system {_origin}";
    }

    /// <summary>The cluster client's contact and heartbeat messages, and requests it forwards to the broker's front.</summary>
    private static string? ReceptionistRefusal(int serializer, ReadOnlySpan<byte> manifest, ReadOnlySpan<byte> body)
    {
        switch (serializer)
        {
            case ClusterClientSerializer when manifest.SequenceEqual("B"u8) || manifest.SequenceEqual("C"u8): // GetContacts, Heartbeat
            case MiscSerializer when manifest.SequenceEqual("ID"u8): // Identify
                return null;
            case PubSubSerializer when manifest.SequenceEqual("C"u8): // Send(path, message)
                if (!Scan(body, out var path, out var payload, 1, 3)) return "a malformed Send";
                if (!path.Bytes.SequenceEqual("/user/broker"u8)) return $"a Send to {WireText.Excerpt(Encoding.UTF8.GetString(path.Bytes))}: clients may send to /user/broker only";
                if (!Scan(payload.Bytes, out _, out var inner, 1, 2)) return "a malformed Send";
                return (int)inner.Scalar == ProtocolAkkaSerializer.Id ? null : $"a Send to /user/broker that is not a broker request (serializer {inner.Scalar})";
            default:
                return $"a message to /system/receptionist that the cluster client does not send (serializer {serializer}, manifest {WireText.Excerpt(Encoding.UTF8.GetString(manifest))})";
        }
    }

    /// <summary>An actor selection: the cluster client finds the receptionist by its path.</summary>
    private static string? SelectionRefusal(ReadOnlySpan<byte> selection)
    {
        var fields = new ProtobufFields(selection);
        ReadOnlySpan<byte> payload = default;
        var elements = new List<string>();
        while (fields.NextAny(out var field, out var wireType, out _, out var bytes))
        {
            if (field is not (1 or 2)) continue;
            if (wireType != ProtobufFields.LengthDelimited) return "a malformed selection";
            if (field == 1) payload = bytes;
            else if (!Scan(bytes, out var type, out var matcher, 1, 2) || type.Scalar != ChildName) return "a selection with a wildcard or a parent";
            else elements.Add(Encoding.UTF8.GetString(matcher.Bytes));
        }

        if (fields.Malformed || !Scan(payload, out var body, out var serializer, 1, 2) || !Scan(payload, out var manifest, out _, 3, 0))
            return "a malformed selection";
        return elements.SequenceEqual(Receptionist)
            ? ReceptionistRefusal((int)serializer.Scalar, manifest.Bytes, body.Bytes)
            : $"a selection of /{WireText.Excerpt(string.Join('/', elements))}: clients may select /system/receptionist only";
    }

    /// <summary>A field's value: bytes for length-delimited fields, a number otherwise.</summary>
    private readonly ref struct Field(ulong scalar, ReadOnlySpan<byte> bytes)
    {
        public ulong Scalar { get; } = scalar;

        public ReadOnlySpan<byte> Bytes { get; } = bytes;
    }

    /// <summary>
    /// The fields numbered <paramref name="firstNumber"/> and <paramref name="secondNumber"/> (0: none) of a message;
    /// false when the bytes are malformed or either field occurs twice (protobuf would merge or overwrite them, and the
    /// check must see what Akka will read).
    /// </summary>
    private static bool Scan(ReadOnlySpan<byte> message, out Field first, out Field second, int firstNumber, int secondNumber)
    {
        first = default;
        second = default;
        var fields = new ProtobufFields(message);
        bool sawFirst = false, sawSecond = false;
        while (fields.NextAny(out var field, out _, out var scalar, out var bytes))
        {
            if (field == firstNumber)
            {
                if (sawFirst) return false;
                sawFirst = true;
                first = new Field(scalar, bytes);
            }
            else if (field == secondNumber)
            {
                if (sawSecond) return false;
                sawSecond = true;
                second = new Field(scalar, bytes);
            }
        }

        return !fields.Malformed;
    }
}
