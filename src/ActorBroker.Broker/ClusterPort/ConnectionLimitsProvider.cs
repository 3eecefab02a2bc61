using Akka.Actor;
using Akka.Configuration;
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

    /// <summary>
    /// What a node's configuration needs for the limits to apply: the adapter registered and applied to the TCP
    /// transport. A node's own <c>applied-adapters</c> list replaces this one and should name the adapter too.
    /// </summary>
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.remote {
          adapters.{{AdapterName}} = "{{typeof(ConnectionLimitsProvider).FullName}},{{typeof(ConnectionLimitsProvider).Assembly.GetName().Name}}"
          dot-netty.tcp.applied-adapters = [{{AdapterName}}]
        }
        """);

    // No space after the comma: Akka.Remote reads adapters through HOCON's ToString, which quotes a value with a space
    // in it, quotes and all, and Type.GetType then finds nothing.

    public Transport Create(Transport wrappedTransport, ExtendedActorSystem system) =>
        new ConnectionLimitTransport(wrappedTransport, system, ClusterPortLimits.FromConfig(system.Settings.Config));
}
