namespace ActorBroker.Actors;

/// <summary>
/// Marker for the runtime's own messages (create, stop, watch, failure...). They travel in a
/// separate queue and are processed before any user message.
/// </summary>
public interface ISystemMessage;

internal sealed record Create : ISystemMessage
{
    public static readonly Create Instance = new();
}

/// <summary>Restart the actor after <paramref name="Cause"/>.</summary>
internal sealed record Recreate(Exception Cause) : ISystemMessage;

/// <summary>Resume a failed actor, keeping its state.</summary>
internal sealed record Resume(Exception? CausedBy) : ISystemMessage;

/// <summary>Stop the actor: its children first, then PostStop, then notify watchers.</summary>
internal sealed record Terminate : ISystemMessage
{
    public static readonly Terminate Instance = new();
}

public sealed record Watch(IInternalActorRef Watchee, IInternalActorRef Watcher) : ISystemMessage;

public sealed record Unwatch(IInternalActorRef Watchee, IInternalActorRef Watcher) : ISystemMessage;

/// <summary>Tells a watcher (or the parent) that <paramref name="Actor"/> is gone.</summary>
public sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed, bool AddressTerminated) : ISystemMessage;

/// <summary>A child reports that processing a message threw.</summary>
internal sealed record Failed(IInternalActorRef Child, Exception Cause, int Uid) : ISystemMessage;

/// <summary>A continuation of a ReceiveAsync handler, run inside the actor like a message.</summary>
internal sealed record RunContinuation(SendOrPostCallback Callback, object? State, ActorCell.ActorSynchronizationContext Context) : ISystemMessage;

/// <summary>The task of a ReceiveAsync handler finished; user messages may flow again.</summary>
internal sealed record AsyncHandlerCompleted(Task Task, Envelope Envelope, int Generation) : ISystemMessage;
