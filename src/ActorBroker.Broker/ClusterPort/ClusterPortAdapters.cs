using Akka.Configuration;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// What a node's configuration needs for its cluster port's adapters to apply: both registered under
/// <c>akka.remote.adapters</c> and applied to the TCP transport, the connection limits beneath the role screen (a
/// connection over the limits is closed before anything else looks at it). A node's own <c>applied-adapters</c>
/// list replaces this one and should name both.
/// </summary>
public static class ClusterPortAdapters
{
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.remote {
          adapters {
            {{ConnectionLimitsProvider.AdapterName}} = "{{TypeName<ConnectionLimitsProvider>()}}"
            {{PeerRoleProvider.AdapterName}} = "{{TypeName<PeerRoleProvider>()}}"
          }
          dot-netty.tcp.applied-adapters = [{{ConnectionLimitsProvider.AdapterName}}, {{PeerRoleProvider.AdapterName}}]
        }
        """);

    // No space after the comma: Akka.Remote reads adapters through HOCON's ToString, which quotes a value with a space
    // in it, quotes and all, and Type.GetType then finds nothing.
    private static string TypeName<T>() => $"{typeof(T).FullName},{typeof(T).Assembly.GetName().Name}";
}
