namespace ActorBroker.Actors;

/// <summary>What the runtime (and transports such as remoting) need from a ref beyond Tell.</summary>
public interface IInternalActorRef : IActorRef
{
    /// <summary>Delivers a system message (watch, stop, failure...), which overtakes user messages.</summary>
    void SendSystemMessage(ISystemMessage message);

    /// <summary>True once the actor is known to be gone.</summary>
    bool IsTerminated { get; }

    /// <summary>True when the actor lives in this process.</summary>
    bool IsLocal { get; }

    void Stop();

    /// <summary>The system the actor belongs to; null for refs that belong to none (Nobody).</summary>
    ActorSystem? System { get; }
}
