namespace ActorBroker.Actors;

/// <summary>An actor with one method for every message; call <c>Unhandled(message)</c> for what it doesn't know.</summary>
public abstract class UntypedActor : ActorBase
{
    protected abstract void OnReceive(object message);

    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
