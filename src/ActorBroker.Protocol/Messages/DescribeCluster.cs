namespace ActorBroker.Protocol.Messages;

/// <summary>Asks a node how it sees the cluster (Kafka's DescribeCluster, with Akka's membership detail).</summary>
public sealed record DescribeClusterRequest(long CorrelationId);

/// <summary>
/// A node's view of the cluster: its members with their state and reachability, the cluster leader, the node the
/// controller singleton runs on (the oldest broker member), and how many partition shards each node hosts (null
/// when the node could not ask sharding in time).
/// </summary>
public sealed record DescribeClusterResponse(
    string SeenBy, string? Leader, IReadOnlyList<ClusterMember> Members, string? ControllerNode, IReadOnlyDictionary<string, int>? ShardsPerNode, long CorrelationId);

/// <summary>A member as one node sees it: address, incarnation uid, status (Joining, Up, Leaving, Exiting, Down...), reachability and roles.</summary>
public sealed record ClusterMember(string Address, long Uid, string Status, bool Reachable, IReadOnlyList<string> Roles);
