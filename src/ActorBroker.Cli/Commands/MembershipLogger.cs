using ActorBroker.Actors;
using ActorBroker.Cluster;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Commands;

/// <summary>Logs every membership event of the node at INFO, so the node's output tells the cluster's story.</summary>
internal sealed class MembershipLogger : ReceiveActor
{
    public MembershipLogger()
    {
        var log = Context.System.LoggerFactory.CreateLogger("ActorBroker.Cluster.Membership");
        Receive<MemberEvent>(e => log.LogInformation("Member {Address} is {Status} ({Event})", e.Member.Address, e.Member.Status, e.GetType().Name));
        Receive<UnreachableMember>(e => log.LogWarning("Member {Address} is unreachable", e.Member.Address));
        Receive<ReachableMember>(e => log.LogInformation("Member {Address} is reachable again", e.Member.Address));
        Receive<LeaderChanged>(e => log.LogInformation("Leader is now {Leader}", e.Leader?.ToString() ?? "(none)"));
        ReceiveAny(_ => { });
    }
}
