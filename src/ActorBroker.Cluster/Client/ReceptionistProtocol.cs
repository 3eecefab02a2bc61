namespace ActorBroker.Cluster.Client;

// The messages that cross the network between clients and receptionists and between receptionists, bound to
// ClusterClientMessageSerializer (id 8). Wire contracts: add fields, never reuse or renumber.

/// <summary>A client asks a receptionist for the current receptionists of the cluster; answered with <see cref="Contacts"/> once the node is Up.</summary>
internal sealed record GetContacts
{
    public static readonly GetContacts Instance = new();
}

/// <summary>Receptionist paths of Up, reachable members (at most number-of-contacts). The sender is the answering receptionist.</summary>
internal sealed record Contacts(IReadOnlyList<string> ContactPoints);

/// <summary>A client's liveness probe of its receptionist.</summary>
internal sealed record ClientHeartbeat
{
    public static readonly ClientHeartbeat Instance = new();
}

internal sealed record ClientHeartbeatResponse
{
    public static readonly ClientHeartbeatResponse Instance = new();
}

/// <summary>
/// The full list of service paths registered on the sending receptionist's node (e.g. <c>/user/echo</c>). Sent to
/// every other receptionist on each change and every gossip-interval; the latest one replaces the earlier ones.
/// </summary>
internal sealed record ServicesSnapshot(IReadOnlyList<string> ServicePaths);
