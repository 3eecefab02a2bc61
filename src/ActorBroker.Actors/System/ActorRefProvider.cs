namespace ActorBroker.Actors;

/// <summary>
/// Decides the system's address and turns paths into refs. The local provider only knows this
/// process; remoting plugs in a provider (by type name in <c>actorbroker.actor.provider</c>) that
/// also returns refs to actors on other nodes.
/// </summary>
public abstract class ActorRefProvider
{
    /// <summary>The address every local path carries; fixed before the first actor is created.</summary>
    public abstract Address DefaultAddress { get; }

    /// <summary>Called once the guardians exist, e.g. to bind a transport.</summary>
    public virtual void Init(ActorSystem system)
    {
    }

    /// <summary>Called after user actors stopped and before system actors stop.</summary>
    public virtual Task ShutdownAsync() => Task.CompletedTask;

    /// <summary>A ref for <paramref name="path"/>; a path on another node needs a remoting provider.</summary>
    public abstract IActorRef ResolveActorRef(ActorPath path);

    /// <summary>Delivers a message to the actors matching a selection whose anchor is on another node.</summary>
    public virtual void DeliverRemoteSelection(ActorPath anchor, IReadOnlyList<string> elements, object message, IActorRef? sender) =>
        throw new NotSupportedException(
            $"Cannot send to a selection on {anchor.Address}: this system has no remoting (actorbroker.actor.provider = local)");
}

internal sealed class LocalActorRefProvider(ActorSystemImpl system) : ActorRefProvider
{
    public override Address DefaultAddress { get; } = Address.Local(system.Name);

    public override IActorRef ResolveActorRef(ActorPath path) =>
        path.Address.Equals(DefaultAddress) ? system.ResolveLocal(path.Elements) ?? system.DeadLetters : system.DeadLetters;
}
