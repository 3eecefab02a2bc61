using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

/// <summary>The root, /user and /system actors: they only supervise.</summary>
internal sealed class Guardian : UntypedActor
{
    protected override void OnReceive(object message) => Unhandled(message);

    // A top-level actor that keeps failing is restarted; escalations stop at the guardian.
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(e => e is ActorInitializationException or ActorKilledException or DeathPactException
            ? Directive.Stop
            : Directive.Restart);
}

/// <summary>The parent of the root guardian: it resumes the root on failure and notices when the root stops.</summary>
internal sealed class RootParentRef(ActorSystemImpl system) : ActorRefBase, IInternalActorRef
{
    public override ActorPath Path { get; } = ActorPath.Root(Address.Local("root-parent")).Child("bubble-walker");

    public bool IsTerminated => false;

    public bool IsLocal => true;

    public ActorSystem? System => system;

    public override void Tell(object message, IActorRef? sender)
    {
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        if (message is Failed failed)
        {
            system.Log.LogError(failed.Cause, "The root guardian failed; resuming it");
            failed.Child.SendSystemMessage(new Resume(failed.Cause));
        }
    }

    public void Stop()
    {
    }
}
