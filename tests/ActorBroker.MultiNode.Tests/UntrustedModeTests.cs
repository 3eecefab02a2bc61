using Xunit.Abstractions;

namespace ActorBroker.MultiNode.Tests;

/// <summary>
/// Akka.NET 1.5.75's untrusted mode drops every inbound actor selection whose path is not listed as trusted. A cluster
/// selects the cluster daemon (joins, gossip) and the heartbeat receiver, so membership needs those two; without
/// them no node gets past the join (seen: "dropping inbound actor selection to [/system/cluster/core/daemon]").
/// docs/security.md lists the further paths a broker cluster selects.
/// </summary>
public sealed class UntrustedModeTests(ITestOutputHelper output) : ClusterTestBase(output, """
    akka.remote.untrusted-mode = on
    akka.remote.trusted-selection-paths = ["/system/cluster/core/daemon", "/system/cluster/heartbeatReceiver"]
    """)
{
    [Fact]
    public async Task Three_nodes_form_a_cluster_in_untrusted_mode_with_the_cluster_daemon_and_heartbeat_paths_trusted()
    {
        var nodes = await Nodes.StartClusterAsync(3);

        Assert.Equal(3, nodes.Count);
    }
}
