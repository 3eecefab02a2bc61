using ActorBroker.Actors;
using ActorBroker.Remote;

namespace ActorBroker.Cluster;

/// <summary>
/// The provider behind <c>actorbroker.actor.provider = cluster</c>: remoting plus membership. The cluster starts
/// with the system (joining the configured seed nodes), and failures of members are detected by the cluster's
/// heartbeats rather than by remote death watch's own.
/// </summary>
public sealed class ClusterActorRefProvider(ActorSystem system) : RemoteActorRefProvider(system)
{
    private Cluster? _cluster;

    public override void Init(ActorSystem system)
    {
        base.Init(system);
        _cluster = Cluster.Get(system);
    }

    protected internal override bool HandlesFailureDetectionFor(Address address) => _cluster is null || !_cluster.IsMember(address);
}
