namespace ActorBroker.Cluster.Status;

/// <summary>Asks a node's <c>/system/cluster-placement</c> where singletons and shards run, as that node sees it.</summary>
public sealed record GetPlacementStatus
{
    public static readonly GetPlacementStatus Instance = new();
}

/// <summary>The answer to <see cref="GetPlacementStatus"/>: plain strings and numbers, so tools can read it without the cluster's types.</summary>
public sealed record PlacementStatus(IReadOnlyList<SingletonPlacement> Singletons, IReadOnlyList<ShardPlacement> Shards);

/// <summary>One singleton: its manager's path, the role it needs, the local manager's phase, and the node where it runs (the oldest eligible member).</summary>
public sealed record SingletonPlacement(string ManagerPath, string? Role, string Phase, string? RunsOn);

/// <summary>How many shards of a sharded entity type a node hosts, as the type's coordinator has allocated them.</summary>
public sealed record ShardPlacement(string TypeName, string Node, int Shards);
