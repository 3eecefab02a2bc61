using ActorBroker.Broker.Partitions;
using Akka.Actor;
using Akka.Cluster.Sharding;
using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Routing;

/// <summary>
/// Stands in for a partition entity this node cannot run: the partition is unknown to the node's metadata (it is newer
/// than the node's image, or gone). It answers data requests with the typed error, leaves delete orders unanswered (the controller re-sends them to the right node), and passivates at
/// once, so the next message creates the entity anew from fresher metadata.
/// </summary>
internal sealed class UnavailablePartition : ReceiveActor
{
    private bool _passivating;

    public UnavailablePartition(string entityId, ErrorCode error, string reason)
    {
        var log = Context.GetLogger();
        Receive<StopPartition>(_ => Context.Stop(Self)); // a hand-off: the shard moves to where it belongs
        ReceiveAny(message =>
        {
            if (RequestErrors.ResponseTo(message, error, reason) is { } response) Sender.Tell(response, Self);
            else log.Debug("Partition entity {Entity} on this node cannot take {Message}: {Reason}", entityId, message.GetType().Name, reason);
            if (_passivating) return;
            _passivating = true;
            Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
        });
    }

    public static Props Props(string entityId, ErrorCode error, string reason) =>
        Akka.Actor.Props.Create(() => new UnavailablePartition(entityId, error, reason));
}
