using ActorBroker.Tls.Adapters;
using Akka.Configuration;

namespace ActorBroker.Broker.ClusterPort;

/// <summary>
/// What a node's configuration needs for its cluster port's adapters to apply, registered under
/// <c>akka.remote.adapters</c> and applied to the TCP transport in this order, innermost first: the connection limits
/// (a connection over them is closed before anything else looks at it), the peers' certificates (refused peers this
/// node dialled, roles kept in step with connections) and the role screen (client certificates held to the broker's
/// front). A node's own <c>applied-adapters</c> list replaces this one and should name all three.
/// </summary>
public static class ClusterPortAdapters
{
    public static Config Config { get; } = ConfigurationFactory.ParseString($$"""
        akka.remote {
          adapters {
            {{ConnectionLimitsProvider.AdapterName}} = "{{TypeName<ConnectionLimitsProvider>()}}"
            {{PeerRoleProvider.AdapterName}} = "{{TypeName<PeerRoleProvider>()}}"
          }
          dot-netty.tcp.applied-adapters = [{{ConnectionLimitsProvider.AdapterName}}, {{PeerCertificateProvider.AdapterName}}, {{PeerRoleProvider.AdapterName}}]
        }
        """).WithFallback(PeerCertificateProvider.Registration);

    // No space after the comma: Akka.Remote reads adapters through HOCON's ToString, which quotes a value with a space
    // in it, quotes and all, and Type.GetType then finds nothing.
    private static string TypeName<T>() => $"{typeof(T).FullName},{typeof(T).Assembly.GetName().Name}";
}
