using ActorBroker.Actors;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// One send to a remote node, as its sender made it. <see cref="Message"/> is the user message, or a
/// <see cref="RemoteSystemEnvelope"/> / <see cref="RemoteSelectionEnvelope"/> for the other frame kinds.
/// </summary>
internal readonly record struct OutboundEnvelope(RemoteActorRef? Recipient, object Message, IActorRef? Sender);

/// <summary>A watch, unwatch, death notification or stop between <paramref name="Subject"/> and <paramref name="Other"/>.</summary>
/// <remarks>
/// Watch/Unwatch: Subject is the remote watchee, Other the local watcher. DeathWatchNotification: Subject is the
/// local actor that died, Other the remote watcher. Stop: Subject is the remote actor to stop.
/// </remarks>
internal sealed record RemoteSystemEnvelope(RemoteSystemMessageKind Kind, IActorRef Subject, IActorRef Other, bool ExistenceConfirmed = false, bool AddressTerminated = false);

/// <summary>A message for the actors matching <paramref name="Elements"/> on the remote node.</summary>
internal sealed record RemoteSelectionEnvelope(IReadOnlyList<string> Elements, object Message);
