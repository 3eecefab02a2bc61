using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster.Internal;

/// <summary>Messages between the cluster daemons of different nodes (serialized by ClusterMessageSerializer).</summary>
internal interface IClusterMessage;

/// <summary>"Are you a member? Then I will join through you." Sent by a joining node to the seed nodes.</summary>
internal sealed record InitJoin : IClusterMessage
{
    public static readonly InitJoin Instance = new();
}

/// <summary>The answering node is a member and accepts joins.</summary>
internal sealed record InitJoinAck(Address Address) : IClusterMessage;

/// <summary>The answering node is not a member yet (it is itself joining).</summary>
internal sealed record InitJoinNack(Address Address) : IClusterMessage;

/// <summary>Asks a member to add <paramref name="Node"/> to the cluster as Joining.</summary>
internal sealed record Join(UniqueAddress Node, IReadOnlyList<string> Roles) : IClusterMessage;

/// <summary>The answer to <see cref="Join"/>: the joiner is in, and here is the membership.</summary>
internal sealed record Welcome(UniqueAddress From, Gossip Gossip) : IClusterMessage;

/// <summary>One node's full view of the membership, pushed to another node.</summary>
internal sealed record GossipEnvelope(UniqueAddress From, UniqueAddress To, Gossip Gossip) : IClusterMessage;

/// <summary>Asks the receiving node's daemon to mark <paramref name="Address"/> Leaving (graceful leave).</summary>
internal sealed record Leave(Address Address) : IClusterMessage;

/// <summary>Asks the receiving node's daemon to mark <paramref name="Address"/> Down.</summary>
internal sealed record Down(Address Address) : IClusterMessage;

/// <summary>Heartbeat from a monitoring node.</summary>
internal sealed record ClusterHeartbeat(UniqueAddress From) : IClusterMessage;

/// <summary>Answer to a heartbeat, naming the answering incarnation.</summary>
internal sealed record ClusterHeartbeatResponse(UniqueAddress From) : IClusterMessage;

/// <summary>Asks a node for its view of the cluster (used by <c>actorbroker cluster status</c>); answered with <see cref="CurrentClusterState"/>.</summary>
internal sealed record GetClusterState : IClusterMessage
{
    public static readonly GetClusterState Instance = new();
}
