namespace ActorBroker.Cli.Tests.Tls;

/// <summary>'actorbroker node' refuses to start, before binding its port, when its TLS choice or files are wrong.</summary>
public sealed class NodeTlsStartupTests : IDisposable
{
    private readonly TestCertificates _certificates = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    private int RunNode(string hocon)
    {
        var file = Path.Combine(_certificates.Root, "node.conf");
        File.WriteAllText(file, hocon);
        return Program.Run(["node", "--config", file, "--port", "0", "--data-dir", Path.Combine(_certificates.Root, "data"), "--kafka-listener", "off"], _out, _err);
    }

    [Fact]
    public void A_node_whose_file_makes_no_tls_choice_exits_1_naming_actorbroker_tls_enabled()
    {
        Assert.Equal(1, RunNode("akka.loglevel = WARNING\n"));

        Assert.Contains("actorbroker.tls.enabled is not set", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_with_tls_on_and_a_missing_certificate_file_exits_1_naming_the_key()
    {
        Assert.Equal(1, RunNode(_certificates.Hocon("node1") + "\nactorbroker.tls.certificate = \"no-such.pfx\"\n"));

        Assert.Contains("actorbroker.tls.certificate", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("no-such.pfx", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_with_tls_on_and_plain_seed_addresses_exits_1_naming_the_seed_nodes()
    {
        Assert.Equal(1, RunNode(_certificates.Hocon("node1") + "\nakka.cluster.seed-nodes = [\"akka.tcp://broker@127.0.0.1:2552\"]\n"));

        Assert.Contains("akka.cluster.seed-nodes has 'akka.tcp://broker@127.0.0.1:2552'", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_whose_file_replaces_the_cluster_ports_adapters_without_ours_exits_1_naming_the_key()
    {
        Assert.Equal(1, RunNode(_certificates.Hocon("node1") + "\nakka.remote.dot-netty.tcp.applied-adapters = [actorbroker-connection-limits]\n"));

        Assert.Contains("akka.remote.dot-netty.tcp.applied-adapters = [actorbroker-connection-limits] leaves out actorbroker-peer-certificates, actorbroker-peer-roles",
            _err.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => _certificates.Dispose();
}
