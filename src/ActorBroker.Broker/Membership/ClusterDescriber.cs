using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;

namespace ActorBroker.Broker.Membership;

/// <summary>
/// Answers <see cref="DescribeClusterRequest"/> with this node's view of the membership, the node the controller
/// singleton runs on (the oldest Up member of the singleton's role, where Akka places singletons) and the partition shards per node,
/// as Akka's sharding reports them. Clients reach it through the node's front actor; nothing of Akka's /system
/// actors is exposed to them.
/// </summary>
internal sealed class ClusterDescriber : ReceiveActor
{
    private static readonly TimeSpan ShardStatsTimeout = TimeSpan.FromSeconds(3);

    public ClusterDescriber(IActorRef partitionRegion, string? singletonRole)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        ReceiveAsync<DescribeClusterRequest>(async request =>
        {
            var replyTo = Sender;
            var state = cluster.State;
            var members = state.Members
                .Select(m => new ClusterMember(m.Address.ToString(), m.UniqueAddress.Uid, m.Status.ToString(), !state.Unreachable.Contains(m), [.. m.Roles.Order(StringComparer.Ordinal)]))
                .ToList();
            var controller = state.Members.Where(m => m.Status == MemberStatus.Up && (string.IsNullOrEmpty(singletonRole) || m.HasRole(singletonRole))).OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
            replyTo.Tell(new DescribeClusterResponse(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members, controller?.Address.ToString(),
                await ShardsPerNodeAsync(partitionRegion).ConfigureAwait(false), request.CorrelationId));
        });
    }

    public static Props Props(IActorRef partitionRegion, string? singletonRole) => Akka.Actor.Props.Create(() => new ClusterDescriber(partitionRegion, singletonRole));

    private static async Task<IReadOnlyDictionary<string, int>?> ShardsPerNodeAsync(IActorRef partitionRegion)
    {
        try
        {
            var stats = await partitionRegion.Ask<ClusterShardingStats>(new GetClusterShardingStats(ShardStatsTimeout), ShardStatsTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            return stats.Regions.ToDictionary(r => r.Key.ToString(), r => r.Value.Stats.Count, StringComparer.Ordinal);
        }
        catch (AskTimeoutException)
        {
            // The description is still worth having without the shard counts; the command says they are missing.
            return null;
        }
    }
}
