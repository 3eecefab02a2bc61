namespace ActorBroker.Actors;

/// <summary>
/// A handle to an actor: the only way to talk to it. Refs are cheap, thread-safe and may point to
/// actors in other processes; a message sent to a stopped actor goes to dead letters.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>Sends a message asynchronously; <paramref name="sender"/> is what the receiver sees as Sender.</summary>
    void Tell(object message, IActorRef? sender);
}

/// <summary>Well-known senders.</summary>
public static class ActorRefs
{
    /// <summary>No sender: replies go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>A ref that is never an actor; messages to it are dropped as dead letters.</summary>
    public static IActorRef Nobody => NobodyRef.Instance;
}

public static class ActorRefTellExtensions
{
    /// <summary>Sends a message without a sender.</summary>
    public static void Tell(this IActorRef receiver, object message) => receiver.Tell(message, ActorRefs.NoSender);

    /// <summary>Forwards the current message keeping its original sender.</summary>
    public static void Forward(this IActorRef receiver, object message) =>
        receiver.Tell(message, ActorCell.CurrentSenderOrNull());
}
