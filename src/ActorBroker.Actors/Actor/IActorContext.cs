using Microsoft.Extensions.Logging;

namespace ActorBroker.Actors;

/// <summary>Creates child actors: implemented by the actor system (top level) and by each actor's context.</summary>
public interface IActorRefFactory
{
    IActorRef ActorOf(Props props, string? name = null);

    ActorSelection ActorSelection(string path);
}

/// <summary>What an actor sees of itself and the runtime while it processes a message.</summary>
public interface IActorContext : IActorRefFactory
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    IEnumerable<IActorRef> GetChildren();

    /// <summary>The child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    IActorRef Watch(IActorRef subject);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Sends <see cref="ReceiveTimeout"/> after this long without messages; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    TimeSpan? ReceiveTimeout { get; }

    /// <summary>A logger whose category is the actor's type; messages carry the actor path in their scope.</summary>
    ILogger GetLogger();
}
