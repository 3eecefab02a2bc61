using Akka.Actor;

namespace ActorBroker.Broker;

/// <summary>
/// The coordinated-shutdown reason of a broker node that lost an actor it cannot serve without (its replica manager,
/// metadata cache or front stopped for good): the node shuts down so that its process supervisor restarts it.
/// </summary>
public sealed class VitalActorStoppedReason : CoordinatedShutdown.Reason
{
    public static readonly VitalActorStoppedReason Instance = new();

    private VitalActorStoppedReason()
    {
    }

    /// <summary>A failure, for a process that exits with its coordinated shutdown.</summary>
    public override int ExitCode => 1;
}
