namespace ActorBroker.Actors;

internal sealed class NobodyRef : ActorRefBase, IInternalActorRef
{
    public static readonly NobodyRef Instance = new();

    private static readonly ActorPath NobodyPath = ActorPath.Root(Address.Local("all-systems")).Child("Nobody");

    public override ActorPath Path => NobodyPath;

    public bool IsTerminated => true;

    public bool IsLocal => true;

    public ActorSystem? System => null;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        if (message is Watch watch)
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this, ExistenceConfirmed: false, AddressTerminated: false));
    }

    public void Stop()
    {
    }
}
