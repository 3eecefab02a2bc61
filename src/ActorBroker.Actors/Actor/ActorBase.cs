namespace ActorBroker.Actors;

/// <summary>
/// Base of every actor. The runtime calls <see cref="Receive"/> for one message at a time, so
/// actor state needs no locks. Override the lifecycle hooks to set up and clean up.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.CellUnderConstruction
            ?? throw new ActorException($"{GetType().Name} must be created through Props by an actor system, not with 'new'");
        _cell.Attach(this);
    }

    /// <summary>The context of this actor; valid in the constructor, handlers and lifecycle hooks.</summary>
    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    protected IActorRef Sender => _cell.Sender;

    /// <summary>Handles a message; returns false when the current behaviour does not match it.</summary>
    protected abstract bool Receive(object message);

    /// <summary>Called when a message matched nothing: publishes <see cref="UnhandledMessage"/>; an unhandled <see cref="Terminated"/> fails the actor.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, _cell.Self));
    }

    /// <summary>The strategy for this actor's children; by default the one in Props or the system default.</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy() => null;

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before it is replaced: by default stops all children and calls PostStop.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren()) Context.Stop(child);
        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart: by default calls PreStart.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The runtime cell behind this actor, for infrastructure layers such as persistence.</summary>
    internal ActorCell Cell => _cell;

    // Infrastructure (e.g. persistent actors) wraps the lifecycle hooks here, so user overrides stay plain.
    internal virtual void AroundPreStart() => PreStart();

    internal virtual void AroundPostStop() => PostStop();

    internal virtual void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal bool ReceiveInternal(object message) => Receive(message);

    internal SupervisorStrategy? SupervisorStrategyInternal() => SupervisorStrategy();

    internal void UnhandledInternal(object message) => Unhandled(message);
}

/// <summary>Published when an actor did not handle a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);
