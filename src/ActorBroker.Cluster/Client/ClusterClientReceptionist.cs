using ActorBroker.Actors;

namespace ActorBroker.Cluster.Client;

/// <summary>
/// The cluster client receptionist of a member node (like Akka's <c>ClusterClientReceptionist.Get(system)</c>):
/// starts the receptionist actor at <c>/system/receptionist</c> and registers the actors that
/// <see cref="ClusterClient"/>s may reach, by their path without address (e.g. <c>/user/orders</c>).
/// Requires <c>actorbroker.actor.provider = cluster</c>.
/// </summary>
public sealed class ClusterClientReceptionist
{
    private ClusterClientReceptionist(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        Settings = ClusterReceptionistSettings.FromConfig(system.Config);
        ClusterClientMessageSerializer.Register(system);
        Underlying = ((ActorSystemImpl)system).SystemActorOf(ClusterReceptionist.Props(cluster, Settings), Settings.Name);
    }

    public static ClusterClientReceptionist Get(ActorSystem system) => system.GetOrAddExtension(static s => new ClusterClientReceptionist(s));

    public ClusterReceptionistSettings Settings { get; }

    /// <summary>The receptionist actor.</summary>
    public IActorRef Underlying { get; }

    /// <summary>Lets clients reach <paramref name="service"/> (an actor of this node) by its path; it is unregistered when it stops.</summary>
    public void RegisterService(IActorRef service) => Underlying.Tell(new ClusterReceptionist.RegisterService(service));

    /// <summary>Stops offering <paramref name="service"/> to clients; every receptionist learns it at once.</summary>
    public void UnregisterService(IActorRef service) => Underlying.Tell(new ClusterReceptionist.UnregisterService(service));
}
