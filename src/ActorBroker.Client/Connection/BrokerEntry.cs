using Akka.Actor;
using Akka.Cluster.Tools.Client;

namespace ActorBroker.Client.Connection;

/// <summary>
/// Where a client's metadata and admin requests go: any node's front actor, reached through the cluster client
/// (which buffers while it looks for a receptionist and fails over between them). The original sender is kept,
/// so the node answers the requesting actor directly.
/// </summary>
internal sealed class BrokerEntry : ReceiveActor
{
    /// <summary>The path every broker node registers its front actor under with the receptionist.</summary>
    public const string BrokerServicePath = "/user/broker";

    public BrokerEntry(IActorRef clusterClient) =>
        ReceiveAny(message => clusterClient.Tell(new ClusterClient.Send(BrokerServicePath, message), Sender));

    public static Props Props(IActorRef clusterClient) => Akka.Actor.Props.Create(() => new BrokerEntry(clusterClient));
}
