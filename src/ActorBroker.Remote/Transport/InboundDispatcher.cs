using System.Text;
using ActorBroker.Actors;
using ActorBroker.Actors.Serialization;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// Decodes the frames of one inbound connection (after its handshake) and delivers them to local actors.
/// A frame that cannot be parsed throws <see cref="FrameFormatException"/> and closes the connection; a
/// message that parses but cannot be deserialized or delivered is dropped with a log entry, and the
/// connection carries on.
/// </summary>
internal sealed class InboundDispatcher
{
    private readonly RemoteActorRefProvider _provider;
    private readonly UniqueAddress _remote;
    private readonly ILogger _log;
    private readonly Utf8PathCache<IInternalActorRef> _recipients = new(4096);
    private readonly Utf8PathCache<IActorRef> _senders = new(4096);
    private readonly Utf8PathCache<string> _manifests = new(1024);
    private readonly Func<string, IInternalActorRef> _resolveRecipient;
    private readonly Func<string, IActorRef> _resolveSender;

    public InboundDispatcher(RemoteActorRefProvider provider, UniqueAddress remote, ILogger log)
    {
        _provider = provider;
        _remote = remote;
        _log = log;
        _resolveRecipient = ResolveRecipient;
        _resolveSender = text => _provider.ResolveActorRef(ParsePath(text, "sender"));
    }

    public void Dispatch(ReadOnlySpan<byte> body)
    {
        var r = new WireReader(body);
        var kind = r.ReadByte();
        switch ((FrameKind)kind)
        {
            case FrameKind.Message:
                DispatchMessage(ref r);
                break;
            case FrameKind.SystemMessage:
                DispatchSystemMessage(ref r);
                break;
            case FrameKind.Selection:
                DispatchSelection(ref r);
                break;
            case FrameKind.Handshake or FrameKind.HandshakeAck or FrameKind.HandshakeReject:
                throw new FrameFormatException($"unexpected handshake frame (kind {kind}) on an established association");
            default:
                throw new FrameFormatException($"unknown frame kind {kind}");
        }
    }

    private void DispatchMessage(ref WireReader r)
    {
        var recipient = _recipients.GetOrResolve(r.ReadUtf8(), _resolveRecipient, static a => !a.IsTerminated, static a => a is not EmptyLocalActorRef);
        var sender = ReadSender(ref r);
        var message = ReadPayload(ref r, recipient);
        if (message is not null) recipient.Tell(message, sender);
    }

    private void DispatchSelection(ref WireReader r)
    {
        var count = r.ReadVarInt();
        if (count > r.Remaining) throw new FrameFormatException($"selection claims {count} path elements in a {r.Remaining}-byte rest");
        var path = new StringBuilder();
        for (var i = 0; i < count; i++) path.Append('/').Append(r.ReadString());
        var sender = ReadSender(ref r);
        var selection = new ActorSelection(_provider.SystemImpl, null, path.Length == 0 ? "/" : path.ToString());
        var message = ReadPayload(ref r, null);
        if (message is not null) selection.Tell(message, sender);
    }

    private void DispatchSystemMessage(ref WireReader r)
    {
        var kind = (RemoteSystemMessageKind)r.ReadByte();
        var subject = ParsePath(r.ReadString(), "subject");
        var other = ParsePath(r.ReadString(), "other");
        var flags = r.ReadByte();
        switch (kind)
        {
            case RemoteSystemMessageKind.Watch:
            {
                var watchee = _provider.ResolveLocal(subject);
                var watcher = (IInternalActorRef)_provider.ResolveActorRef(other);
                watchee.SendSystemMessage(new Watch(watchee, watcher));
                break;
            }

            case RemoteSystemMessageKind.Unwatch:
            {
                var watchee = _provider.ResolveLocal(subject);
                watchee.SendSystemMessage(new Unwatch(watchee, (IInternalActorRef)_provider.ResolveActorRef(other)));
                break;
            }

            case RemoteSystemMessageKind.DeathWatchNotification:
            {
                var dead = _provider.ResolveActorRef(subject);
                var watcher = _provider.ResolveLocal(other);
                _provider.RemoteWatcher.Tell(new RemoteWatcher.RemoteWatcheeTerminated(dead, watcher));
                watcher.SendSystemMessage(new DeathWatchNotification(dead, (flags & 1) != 0, (flags & 2) != 0));
                break;
            }

            case RemoteSystemMessageKind.Stop:
                _provider.ResolveLocal(subject).Stop();
                break;
            default:
                throw new FrameFormatException($"unknown system message kind {(byte)kind}");
        }
    }

    private IActorRef? ReadSender(ref WireReader r)
    {
        var bytes = r.ReadUtf8();
        return bytes.IsEmpty ? null : _senders.GetOrResolve(bytes, _resolveSender, static _ => true, static _ => true);
    }

    private object? ReadPayload(ref WireReader r, IActorRef? recipient)
    {
        var serializerId = r.ReadVarInt();
        var manifestBytes = r.ReadUtf8();
        var manifest = manifestBytes.IsEmpty ? "" : _manifests.GetOrResolve(manifestBytes, static s => s, static _ => true, static _ => true);
        var payload = r.ReadRest();
        try
        {
            return _provider.System.Serialization.Deserialize(payload, serializerId, manifest);
        }
        catch (SerializationException e)
        {
            // One bad message must not cost the others on this connection: drop it and say why.
            _log.LogWarning("Dropped a message from {Remote} to {Recipient}: {Reason}", _remote, recipient?.Path.ToString() ?? "a selection", e.Message);
            return null;
        }
    }

    private IInternalActorRef ResolveRecipient(string text)
    {
        var path = ParsePath(text, "recipient");
        if (!path.Address.Equals(_provider.DefaultAddress))
        {
            _log.LogWarning("Dropped a message from {Remote} for {Recipient}, which is not on this node ({Local})", _remote, path, _provider.DefaultAddress);
            return new EmptyLocalActorRef(_provider.System, path);
        }

        return _provider.ResolveLocal(path);
    }

    private static ActorPath ParsePath(string text, string field) =>
        ActorPath.TryParse(text, out var path) ? path : throw new FrameFormatException($"{field} '{Handshake.Truncate(text)}' is not an actor path");
}
