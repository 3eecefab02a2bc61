namespace ActorBroker.Actors;

/// <summary>Base of the runtime's own exceptions.</summary>
public class ActorException : Exception
{
    public ActorException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}

/// <summary>The actor's constructor or PreStart threw; by default the actor is stopped.</summary>
public sealed class ActorInitializationException(IActorRef? actor, string message, Exception? inner)
    : ActorException(message, inner)
{
    public IActorRef? Actor { get; } = actor;
}

/// <summary>Raised inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException(string message) : ActorException(message);

/// <summary>An actor received <see cref="Terminated"/> for a watched actor and did not handle it.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : ActorException($"Watched actor {deadActor} terminated and the watcher did not handle Terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}

/// <summary>A child name is invalid or already taken.</summary>
public sealed class InvalidActorNameException(string message) : ActorException(message);

/// <summary>The stash is full (its capacity comes from actorbroker.actor.stash-capacity).</summary>
public sealed class StashOverflowException(string message) : ActorException(message);

/// <summary>An ask got no reply in time.</summary>
public sealed class AskTimeoutException(string message) : TimeoutException(message);

/// <summary>An ActorSelection matched no actor.</summary>
public sealed class ActorNotFoundException(string message) : ActorException(message);
