namespace ActorBroker.Actors;

/// <summary>Where undeliverable messages end up: they are published on the event stream as <see cref="DeadLetter"/>.</summary>
internal sealed class DeadLetterActorRef(ActorSystemImpl system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public bool IsLocal => true;

    public ActorSystem? System => system;

    public override void Tell(object message, IActorRef? sender) => Tell(message, sender, this);

    public void Tell(object message, IActorRef? sender, IActorRef recipient, string? reason = null)
    {
        if (message is DeadLetter) return; // never loop
        system.PublishDeadLetter(new DeadLetter(message, sender ?? ActorRefs.Nobody, recipient, reason));
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee, ExistenceConfirmed: false, AddressTerminated: false));
    }

    public void Stop()
    {
    }
}

/// <summary>A message that could not be delivered, and why when known.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient, string? Reason = null);
