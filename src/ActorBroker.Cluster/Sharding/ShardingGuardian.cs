using ActorBroker.Actors;

namespace ActorBroker.Cluster.Sharding;

/// <summary>
/// <c>/system/sharding</c>: parent of every region and coordinator (manager) of this node. ClusterSharding
/// creates them through its cell; a failing region is restarted (default strategy), keeping its path.
/// </summary>
internal sealed class ShardingGuardian : ActorBase
{
    protected override bool Receive(object message) => message is Terminated;
}
