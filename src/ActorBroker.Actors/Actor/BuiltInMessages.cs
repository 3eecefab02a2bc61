namespace ActorBroker.Actors;

/// <summary>Stops the actor when processed, after the messages sent before it.</summary>
public sealed class PoisonPill
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }
}

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/>; its supervisor decides what follows (by default: stop).</summary>
public sealed class Kill
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }
}

/// <summary>Every actor answers with <see cref="ActorIdentity"/>; used to resolve selections.</summary>
public sealed record Identify(object? MessageId);

public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);

/// <summary>Delivered to a watcher when a watched actor stops.</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed, bool AddressTerminated);

/// <summary>Messages of this kind do not reset the receive timeout.</summary>
public interface INotInfluenceReceiveTimeout;

/// <summary>Sent to an actor that received nothing for the time set with SetReceiveTimeout.</summary>
public sealed class ReceiveTimeout : INotInfluenceReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }
}

/// <summary>Replies that carry success or failure, as produced by PipeTo and understood by Ask.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause);
}
