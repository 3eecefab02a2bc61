using Akka.Actor;
using Akka.Remote.Transport;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// Akka.Remote's extension point for wrapping its transport (<c>akka.remote.adapters</c>, applied in the order of a
/// transport's <c>applied-adapters</c>): puts <see cref="ConnectionLimitTransport"/> over a node's DotNetty transport.
/// </summary>
public sealed class ConnectionLimitsProvider : ITransportAdapterProvider
{
    /// <summary>The adapter's name in <c>applied-adapters</c>.</summary>
    public const string AdapterName = "actorbroker-connection-limits";

    public Transport Create(Transport wrappedTransport, ExtendedActorSystem system) =>
        new ConnectionLimitTransport(wrappedTransport, system, ClusterPortLimits.FromConfig(system.Settings.Config));
}
