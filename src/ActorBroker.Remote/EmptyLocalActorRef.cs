using ActorBroker.Actors;

namespace ActorBroker.Remote;

/// <summary>
/// Stands for a local path at which no actor (or not the named incarnation) lives: messages go to dead
/// letters and a watch is answered at once with a death notification, as for a stopped actor.
/// </summary>
internal sealed class EmptyLocalActorRef(ActorSystem system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path { get; } = path;

    public bool IsTerminated => true;

    public bool IsLocal => true;

    public ActorSystem? System => system;

    public override void Tell(object message, IActorRef? sender) =>
        ((ActorSystemImpl)system).DeadLetterRef.Tell(message, sender, this, "no actor lives at this path");

    public void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false, AddressTerminated: false));
    }

    public void Stop()
    {
    }
}
