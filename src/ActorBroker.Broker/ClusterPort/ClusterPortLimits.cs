using Akka.Configuration;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// How many TCP connections a node's cluster port (Akka.Remote) keeps open, in total and per IP address
/// (<c>actorbroker.broker.cluster-port</c>). Akka.Remote has no such limit: every connection holds a channel, its
/// buffers and, with TLS, a handshake, until Akka's handshake timeout or the peer ends it.
/// </summary>
public sealed record ClusterPortLimits(int MaxConnections, int MaxConnectionsPerIp)
{
    public const string Section = "actorbroker.broker.cluster-port";

    /// <summary>Reads the limits, with the broker's defaults under <paramref name="config"/>; a bad value throws <see cref="BrokerConfigException"/>.</summary>
    public static ClusterPortLimits FromConfig(Config config) =>
        Read(new SettingsReader(BrokerConfig.WithDefaults(config).GetConfig(BrokerSettings.Section), BrokerSettings.Section));

    /// <summary>The limits from the broker's section (<see cref="BrokerSettings.FromConfig"/> checks them before a node binds its port).</summary>
    internal static ClusterPortLimits Read(SettingsReader broker) =>
        new(broker.AtLeast("cluster-port.max-connections", 1), broker.AtLeast("cluster-port.max-connections-per-ip", 1));
}
