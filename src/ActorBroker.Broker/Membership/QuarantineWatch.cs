using Akka.Actor;
using Akka.Event;
using Akka.Remote;

namespace ActorBroker.Broker.Membership;

/// <summary>
/// Shuts the node down when a cluster member says it has quarantined this node: the others downed and removed this
/// incarnation (it was paused or cut off for longer than the failure detector and the resolver allow), so it can never
/// take part again, only a restart can bring the node back as a new incarnation. Akka.NET publishes the event but its
/// cluster does not act on it. Left alone, a node resumed after a long pause sees the others as unreachable and its
/// split-brain resolver, counting only what it saw, can keep this node alone as a second cluster (seen in the fault
/// suite: a node paused for 5 s downed both others and elected itself). A client's quarantine is no such verdict.
/// </summary>
internal sealed class QuarantineWatch : ReceiveActor
{
    public const string Name = "quarantine-watch";

    public QuarantineWatch()
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        var log = Context.GetLogger();
        Receive<ThisActorSystemQuarantinedEvent>(e =>
        {
            if (!cluster.State.Members.Any(m => m.Address.Equals(e.RemoteAddress))) return;
            var shutdown = CoordinatedShutdown.Get(Context.System);
            if (shutdown.ShutdownReason is not null) return;
            log.Error("Cluster member {Member} has quarantined this node {Self}: the cluster removed this incarnation, which can never rejoin; " +
                      "shutting down so that a restart brings the node back as a new incarnation", e.RemoteAddress, cluster.SelfAddress);
            shutdown.Run(CoordinatedShutdown.ClusterDowningReason.Instance);
        });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new QuarantineWatch());

    protected override void PreStart() => Context.System.EventStream.Subscribe<ThisActorSystemQuarantinedEvent>(Self);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
