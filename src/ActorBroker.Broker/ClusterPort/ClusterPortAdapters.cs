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
    public const string AppliedKey = "akka.remote.dot-netty.tcp.applied-adapters";

    /// <summary>The adapters a node applies, innermost first.</summary>
    public static IReadOnlyList<string> Names { get; } = [ConnectionLimitsProvider.AdapterName, PeerCertificateProvider.AdapterName, PeerRoleProvider.AdapterName];

    /// <summary>
    /// Fails when a node's configuration replaced the applied adapters without ours: its port would have no connection
    /// limits and would trust client certificates like nodes, silently.
    /// </summary>
    /// <exception cref="BrokerConfigException">One of <see cref="Names"/> is not applied; names the key.</exception>
    public static void RequireApplied(Config config)
    {
        var applied = config.HasPath(AppliedKey) ? config.GetStringList(AppliedKey) : [];
        var missing = Names.Where(n => !applied.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new BrokerConfigException(AppliedKey,
                $"{AppliedKey} = [{string.Join(", ", applied)}] leaves out {string.Join(", ", missing)}: without them the cluster port has no " +
                $"connection limits and trusts client certificates like nodes; list [{string.Join(", ", Names)}] before your own adapters");
    }

    public static Config Config { get; } = ConfigurationFactory.ParseString($"akka.remote.dot-netty.tcp.applied-adapters = [{string.Join(", ", Names)}]")
        .WithFallback(AdapterRegistration.Of(ConnectionLimitsProvider.AdapterName, typeof(ConnectionLimitsProvider)))
        .WithFallback(PeerCertificateProvider.Registration)
        .WithFallback(AdapterRegistration.Of(PeerRoleProvider.AdapterName, typeof(PeerRoleProvider)));
}
