using ActorBroker.Broker.Internal;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.Singleton;

namespace ActorBroker.Kafka.Discovery;

/// <summary>
/// What Kafka clients are told about the cluster as a whole: its id (the actor system's name, which every member of an
/// Akka cluster shares) and the node the controller singleton runs on: the oldest Up member of the singleton's role,
/// where Akka places singletons (as <c>ClusterDescriber</c> reports it).
/// </summary>
public sealed class ClusterIdentity
{
    private readonly Cluster _cluster;
    private readonly string? _singletonRole;

    public ClusterIdentity(ActorSystem system)
    {
        _cluster = Cluster.Get(system);
        _singletonRole = ClusterSingletonManagerSettings.Create(system).Role;
        ClusterId = system.Name;
    }

    public string ClusterId { get; }

    /// <summary>The broker node id (<c>host:port</c>) the controller runs on as this node sees the membership, or null while none is Up.</summary>
    public string? ControllerNodeId
    {
        get
        {
            Member? oldest = null;
            foreach (var member in _cluster.State.Members)
            {
                if (member.Status != MemberStatus.Up || (!string.IsNullOrEmpty(_singletonRole) && !member.HasRole(_singletonRole))) continue;
                if (oldest is null || Member.AgeOrdering.Compare(member, oldest) < 0) oldest = member;
            }

            return oldest is null ? null : NodeIds.Of(oldest.Address);
        }
    }
}
