using System.Buffers;
using System.Text;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Turns envelopes into frames, in two steps: <see cref="Serialize"/> runs the message's serializer and may run on
/// any thread at any time; <see cref="Encode(in OutboundEnvelope, OutboundPayload?, IBufferWriter{byte})"/> writes
/// the frame and is called under the association's lock, so its caches (sender paths, manifests) need no locks of
/// their own. Serializers are user code that may even send: they run outside that lock.
/// </summary>
internal sealed class MessageEncoder(SerializationRegistry serialization, int maximumFrameSize)
{
    private const int CacheLimit = 4096;
    private readonly Dictionary<IActorRef, byte[]> _senderPaths = [];
    private readonly Dictionary<string, byte[]> _manifests = new(StringComparer.Ordinal);
    private IActorRef? _lastSender;
    private byte[] _lastSenderPath = [];
    private string? _lastManifest;
    private byte[] _lastManifestBytes = [];

    /// <summary>
    /// Serializes the envelope's user message (null for system messages, which have none) into a rented payload that
    /// the caller returns; throws <see cref="SerializationException"/> when it cannot. Thread-safe.
    /// </summary>
    public OutboundPayload? Serialize(in OutboundEnvelope envelope)
    {
        var message = envelope.Message switch
        {
            RemoteSystemEnvelope => null,
            RemoteSelectionEnvelope selection => selection.Message,
            var user => user,
        };
        if (message is null) return null;

        var payload = OutboundPayload.Rent();
        try
        {
            (payload.SerializerId, payload.Manifest) = serialization.Serialize(message, payload.Bytes);
            return payload;
        }
        catch
        {
            payload.Return();
            throw;
        }
    }

    /// <summary>
    /// Writes one frame for <paramref name="envelope"/> whose message <see cref="Serialize"/> turned into
    /// <paramref name="payload"/>; returns its size, or throws <see cref="MessageNotSentException"/> when it cannot be sent.
    /// Not thread-safe.
    /// </summary>
    public int Encode(in OutboundEnvelope envelope, OutboundPayload? payload, IBufferWriter<byte> output) => envelope.Message switch
    {
        RemoteSystemEnvelope system => EncodeSystem(system, output),
        RemoteSelectionEnvelope selection => EncodeSelection(selection, payload!, envelope.Sender, output),
        _ => EncodeMessage(envelope.Recipient!, envelope.Message, payload!, envelope.Sender, output),
    };

    /// <summary>Both steps at once, for callers with a single thread (tests, benchmarks).</summary>
    public int Encode(in OutboundEnvelope envelope, IBufferWriter<byte> output)
    {
        var payload = Serialize(envelope);
        try
        {
            return Encode(envelope, payload, output);
        }
        finally
        {
            payload?.Return();
        }
    }

    private int EncodeMessage(RemoteActorRef recipient, object message, OutboundPayload payload, IActorRef? sender, IBufferWriter<byte> output)
    {
        var manifest = ManifestBytes(payload.Manifest);
        var senderPath = SenderPath(sender);
        var bodyLength = 1 + WireWriter.SizeOfBytes(recipient.PathUtf8) + WireWriter.SizeOfBytes(senderPath)
            + WireWriter.SizeOfVarInt(payload.SerializerId) + WireWriter.SizeOfBytes(manifest) + payload.Bytes.WrittenCount;
        var w = BeginFrame(output, bodyLength, message);
        w.WriteByte((byte)FrameKind.Message);
        w.WriteBytes(recipient.PathUtf8);
        w.WriteBytes(senderPath);
        w.WriteVarInt(payload.SerializerId);
        w.WriteBytes(manifest);
        w.WriteRaw(payload.Bytes.WrittenSpan);
        return Commit(output, ref w);
    }

    private int EncodeSelection(RemoteSelectionEnvelope selection, OutboundPayload payload, IActorRef? sender, IBufferWriter<byte> output)
    {
        var manifest = ManifestBytes(payload.Manifest);
        var senderPath = SenderPath(sender);
        var elements = new byte[selection.Elements.Count][];
        var elementsLength = WireWriter.SizeOfVarInt(elements.Length);
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = Encoding.UTF8.GetBytes(selection.Elements[i]);
            elementsLength += WireWriter.SizeOfBytes(elements[i]);
        }

        var bodyLength = 1 + elementsLength + WireWriter.SizeOfBytes(senderPath)
            + WireWriter.SizeOfVarInt(payload.SerializerId) + WireWriter.SizeOfBytes(manifest) + payload.Bytes.WrittenCount;
        var w = BeginFrame(output, bodyLength, selection.Message);
        w.WriteByte((byte)FrameKind.Selection);
        w.WriteVarInt(elements.Length);
        foreach (var element in elements) w.WriteBytes(element);
        w.WriteBytes(senderPath);
        w.WriteVarInt(payload.SerializerId);
        w.WriteBytes(manifest);
        w.WriteRaw(payload.Bytes.WrittenSpan);
        return Commit(output, ref w);
    }

    private int EncodeSystem(RemoteSystemEnvelope system, IBufferWriter<byte> output)
    {
        var subject = PathOf(system.Subject);
        var other = PathOf(system.Other);
        var bodyLength = 1 + 1 + WireWriter.SizeOfBytes(subject) + WireWriter.SizeOfBytes(other) + 1;
        var w = BeginFrame(output, bodyLength, system);
        w.WriteByte((byte)FrameKind.SystemMessage);
        w.WriteByte((byte)system.Kind);
        w.WriteBytes(subject);
        w.WriteBytes(other);
        w.WriteByte((byte)((system.ExistenceConfirmed ? 1 : 0) | (system.AddressTerminated ? 2 : 0)));
        return Commit(output, ref w);
    }

    private WireWriter BeginFrame(IBufferWriter<byte> output, int bodyLength, object message)
    {
        if (bodyLength > maximumFrameSize)
            throw new MessageNotSentException(
                $"{message.GetType().Name} needs a {bodyLength}-byte frame, above actorbroker.remote.maximum-frame-size ({maximumFrameSize} bytes)");
        var span = output.GetSpan(FrameDecoder.LengthPrefixSize + bodyLength)[..(FrameDecoder.LengthPrefixSize + bodyLength)];
        var w = new WireWriter(span);
        w.WriteInt32(bodyLength);
        return w;
    }

    private static int Commit(IBufferWriter<byte> output, ref WireWriter w)
    {
        output.Advance(w.Written);
        return w.Written;
    }

    private byte[] SenderPath(IActorRef? sender)
    {
        if (sender is null) return [];
        if (sender is RemoteActorRef remote) return remote.PathUtf8;
        // Streams mostly come from one actor: a reference check spares hashing its path for every message.
        if (ReferenceEquals(sender, _lastSender)) return _lastSenderPath;
        if (!_senderPaths.TryGetValue(sender, out var bytes))
        {
            if (_senderPaths.Count >= CacheLimit) _senderPaths.Clear();
            bytes = Encoding.UTF8.GetBytes(sender.Path.ToSerializationFormat());
            _senderPaths[sender] = bytes;
        }

        _lastSender = sender;
        _lastSenderPath = bytes;
        return bytes;
    }

    private static byte[] PathOf(IActorRef actor) =>
        actor is RemoteActorRef remote ? remote.PathUtf8 : Encoding.UTF8.GetBytes(actor.Path.ToSerializationFormat());

    private byte[] ManifestBytes(string manifest)
    {
        if (manifest.Length == 0) return [];
        // Serializers mostly return the same string instance (a literal) for one type: spare the hashing.
        if (ReferenceEquals(manifest, _lastManifest)) return _lastManifestBytes;
        if (!_manifests.TryGetValue(manifest, out var bytes))
        {
            if (_manifests.Count >= CacheLimit) _manifests.Clear();
            bytes = _manifests[manifest] = Encoding.UTF8.GetBytes(manifest);
        }

        _lastManifest = manifest;
        _lastManifestBytes = bytes;
        return bytes;
    }
}

/// <summary>A message that the encoder refused (too large, not serializable); it goes to dead letters with this reason.</summary>
internal sealed class MessageNotSentException(string message) : Exception(message);
