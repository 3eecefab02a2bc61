using ActorBroker.Actors;

namespace ActorBroker.Remote;

/// <summary>Published on the event stream when this node quarantines an incarnation of another node.</summary>
public sealed record QuarantinedEvent(UniqueAddress Node);

/// <summary>Published when another node refuses this one because it quarantined this incarnation: only a restart helps.</summary>
public sealed record ThisActorSystemQuarantinedEvent(UniqueAddress Local, Address Remote);

/// <summary>
/// Published when a node is known to be gone (quarantined, failure detector, removed from the cluster): every
/// local watcher of an actor on it gets <see cref="Terminated"/> with AddressTerminated set.
/// </summary>
public sealed record AddressTerminated(Address Address);

/// <summary>The transport could not start (bad interface, port in use); the message says which setting to change.</summary>
public sealed class RemoteTransportException(string message, Exception? inner = null) : Exception(message, inner);
