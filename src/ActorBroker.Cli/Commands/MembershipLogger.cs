using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace ActorBroker.Cli.Commands;

/// <summary>Logs every membership event of the node at INFO, so the node's output tells the cluster's story.</summary>
internal sealed class MembershipLogger : ReceiveActor
{
    public MembershipLogger()
    {
        var log = Context.GetLogger();
        Receive<ClusterEvent.IMemberEvent>(e => log.Info("Member {Address} is {Status} ({Event})", e.Member.Address, e.Member.Status, e.GetType().Name));
        Receive<ClusterEvent.UnreachableMember>(e => log.Warning("Member {Address} is unreachable", e.Member.Address));
        Receive<ClusterEvent.ReachableMember>(e => log.Info("Member {Address} is reachable again", e.Member.Address));
        Receive<ClusterEvent.LeaderChanged>(e => log.Info("Leader is now {Leader}", e.Leader?.ToString() ?? "(none)"));
        ReceiveAny(_ => { });
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new MembershipLogger());
}
