using System.Collections.Concurrent;
using ActorBroker.Broker.ClusterPort;
using ActorBroker.Cli.Quickstart;
using ActorBroker.Client;
using ActorBroker.Protocol;
using ActorBroker.Tls;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>
/// Cluster members over Akka.Remote with the TLS setup 'actorbroker node' gives them: certificates of the cluster's CA
/// associate and join; a certificate of another CA, or no TLS at all, gets neither association nor membership.
/// </summary>
[Collection(ClusterNodesCollection.Name)]
public sealed class TlsClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TestCertificates _certificates = new();
    private readonly List<ActorSystem> _systems = [];
    private readonly List<TlsCredentials> _credentials = [];

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Two_nodes_with_certificates_of_the_cluster_ca_form_a_cluster_over_tls()
    {
        var (seed, _) = await StartSeedAsync();
        var member = Start("node2");
        Cluster.Get(member).Join(Cluster.Get(seed).SelfAddress);

        Assert.True(await Poll.UntilAsync(() => UpCount(seed) == 2 && UpCount(member) == 2, Patience), "the two TLS nodes never saw each other Up");
        Assert.Equal(RemotingScheme.Tls, Cluster.Get(member).SelfAddress.Protocol);
    }

    [Fact]
    public async Task A_node_with_a_certificate_of_another_ca_cannot_join_and_the_real_member_stays_up()
    {
        var (seed, refusals) = await StartSeedAsync();
        var member = Start("node2");
        Cluster.Get(member).Join(Cluster.Get(seed).SelfAddress);
        Assert.True(await Poll.UntilAsync(() => UpCount(seed) == 2, Patience), "the real member never became Up");

        // The stranger trusts any server, as an intruder would: what keeps it out is the seed checking its client certificate.
        var stranger = Start("stranger", trustAnyPeer: true);
        Cluster.Get(stranger).Join(Cluster.Get(seed).SelfAddress);

        // The seed's validator refused the stranger's certificate, and refused it again when the join was retried, unless
        // the stranger gave up: Akka.Remote 1.5.75 stops an actor system whose outbound TLS handshake fails, so whether a retry
        // comes first is a race (on a busy machine the stranger stopped after one attempt).
        int Refused() => refusals.Count(r => r.Contains("does not chain to the cluster CA", StringComparison.Ordinal));
        Assert.True(await Poll.UntilAsync(() => Refused() >= 2 || (Refused() == 1 && stranger.WhenTerminated.IsCompleted), Patience),
            "the seed never refused the stranger's certificate twice, nor did the stranger stop after one refusal");
        Assert.DoesNotContain(Cluster.Get(seed).State.Members, m => m.Address == Cluster.Get(stranger).SelfAddress);
        Assert.Equal(2, UpCount(seed));
        Assert.NotEqual(MemberStatus.Up, Cluster.Get(stranger).SelfMember.Status);
    }

    [Fact]
    public async Task A_node_whose_certificate_is_revoked_cannot_join()
    {
        using var node2 = TlsCredentials.Load(_certificates.Settings("node2"));
        var seed = Start("node1", revoked: [CertificateSerial.Of(node2.Certificate)]);
        var refusals = Collect(seed, typeof(Warning));
        Cluster.Get(seed).Join(Cluster.Get(seed).SelfAddress);
        Assert.True(await Poll.UntilAsync(() => UpCount(seed) == 1, Patience), "the seed never became Up");

        var revoked = Start("node2");
        Cluster.Get(revoked).Join(Cluster.Get(seed).SelfAddress);

        Assert.True(await Poll.UntilAsync(() => refusals.Count(r => r.Contains("is revoked (actorbroker.tls.revoked)", StringComparison.Ordinal)) >= 2, Patience),
            "the seed never refused the revoked certificate twice: " + string.Join(" | ", refusals));
        Assert.Single(Cluster.Get(seed).State.Members);
        Assert.NotEqual(MemberStatus.Up, Cluster.Get(revoked).SelfMember.Status);
    }

    [Fact]
    public async Task A_node_without_tls_cannot_join_a_tls_cluster()
    {
        var (seed, refusals) = await StartSeedAsync();
        var plain = Start(name: null);
        var seedAddress = Cluster.Get(seed).SelfAddress;
        var failures = Collect(plain, typeof(Warning), typeof(Error));

        // A plain node has no akka.ssl.tcp transport; the most it can do is speak plain akka.tcp to the TLS port.
        Cluster.Get(plain).Join(seedAddress.WithProtocol(RemotingScheme.Plain));

        Assert.True(await Poll.UntilAsync(() => failures.Count(f => f.Contains("Association", StringComparison.OrdinalIgnoreCase) || f.Contains("handshake", StringComparison.OrdinalIgnoreCase)) >= 2, Patience),
            "the plain node's association attempts never failed twice: " + string.Join(" | ", failures));
        Assert.Single(Cluster.Get(seed).State.Members);
        Assert.NotEqual(MemberStatus.Up, Cluster.Get(plain).SelfMember.Status);
    }

    [Fact]
    public async Task A_node_that_dials_a_peer_whose_certificate_it_refuses_keeps_running()
    {
        var stranger = Start("stranger", trustAnyPeer: true);
        Cluster.Get(stranger).Join(Cluster.Get(stranger).SelfAddress);
        var node = Start("node2");
        var refusals = Collect(node, typeof(Warning));

        // Joining dials the stranger's port: the node refuses the certificate the stranger presents as TLS server.
        Cluster.Get(node).Join(Cluster.Get(stranger).SelfAddress);

        // Akka.Remote stops a system whose outbound TLS handshake fails; a node retries the join only if it kept running.
        Assert.True(await Poll.UntilAsync(() => refusals.Count(r => r.Contains("does not chain to the cluster CA", StringComparison.Ordinal)) >= 2, Patience),
            "the node never refused the stranger's certificate twice: " + string.Join(" | ", refusals));
        Assert.False(node.WhenTerminated.IsCompleted, "the node's actor system stopped after refusing a peer it dialled");
        Assert.Null(CoordinatedShutdown.Get(node).ShutdownReason);
        Assert.DoesNotContain(Cluster.Get(stranger).State.Members, m => m.Address == Cluster.Get(node).SelfAddress);
    }

    [Fact]
    public async Task A_client_whose_node_presents_a_certificate_it_refuses_times_out_and_keeps_its_actor_system()
    {
        var stranger = Start("stranger", trustAnyPeer: true);
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            actorbroker.client {
              bootstrap-servers = ["127.0.0.1:{{Cluster.Get(stranger).SelfAddress.Port}}"]
              cluster-system-name = "tls"
              admin { request-timeout = 1s, default-api-timeout = 3s }
            }
            {{_certificates.Hocon("client")}}
            """);
        await using var connection = ClientConnection.Create(config);
        var refusals = Collect(connection.System, typeof(Warning));
        await using var admin = new AdminClient(connection);

        var failure = await Assert.ThrowsAsync<BrokerException>(() => admin.ListTopicsAsync().WaitAsync(Patience));

        Assert.Equal(ErrorCode.RequestTimedOut, failure.Code);
        Assert.Contains(refusals, r => r.Contains("does not chain to the cluster CA", StringComparison.Ordinal));
        Assert.False(connection.System.WhenTerminated.IsCompleted, "the client's actor system stopped after refusing the node it dialled");
    }

    /// <summary>A one-node TLS cluster (node1) and the warnings its remoting logs, as they come.</summary>
    private async Task<(ActorSystem Seed, ConcurrentQueue<string> Refusals)> StartSeedAsync()
    {
        var seed = Start("node1");
        var refusals = Collect(seed, typeof(Warning));
        Cluster.Get(seed).Join(Cluster.Get(seed).SelfAddress);
        Assert.True(await Poll.UntilAsync(() => UpCount(seed) == 1, Patience), "the seed never became Up");
        return (seed, refusals);
    }

    /// <summary>
    /// A cluster member on a free loopback port with the cluster port's adapters, as 'actorbroker node' runs one, with
    /// TLS as <paramref name="name"/> (null: plain TCP), refusing the <paramref name="revoked"/> serials; with
    /// <paramref name="trustAnyPeer"/> it presents its certificate but accepts any peer's, as Akka's suppress-validation does.
    /// </summary>
    private ActorSystem Start(string? name, bool trustAnyPeer = false, string[]? revoked = null)
    {
        var config = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.stdout-loglevel = OFF
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0, connection-timeout = 2s }
            akka.remote.retry-gate-closed-for = 200ms
            akka.cluster {
              seed-node-timeout = 1s
              retry-unsuccessful-join-after = 1s
              periodic-tasks-initial-delay = 200ms
              gossip-interval = 200ms
              leader-actions-interval = 200ms
            }
            akka.coordinated-shutdown { exit-clr = off, run-by-clr-shutdown-hook = off }
            """).WithFallback(ClusterPortAdapters.Config);
        TlsCredentials? credentials = null;
        if (name is not null)
        {
            credentials = TlsCredentials.Load(_certificates.Settings(name) with { Revoked = revoked ?? [] });
            _credentials.Add(credentials);
        }

        var setup = trustAnyPeer && credentials is not null
            ? BootstrapSetup.Create().WithConfig(TlsCredentials.RemotingConfig.WithFallback(config))
                .And(new DotNettySslSetup(credentials.Certificate, suppressValidation: true, requireMutualAuthentication: true))
            : TlsCredentials.SystemSetup(config, credentials);
        var system = ActorSystem.Create("tls", setup);
        _systems.Add(system);
        return system;
    }

    private static int UpCount(ActorSystem system) => Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>The text of every log event of <paramref name="types"/> that <paramref name="system"/> publishes from now on.</summary>
    private static ConcurrentQueue<string> Collect(ActorSystem system, params Type[] types)
    {
        var lines = new ConcurrentQueue<string>();
        var collector = system.ActorOf(Props.Create(() => new LogCollector(lines)));
        foreach (var type in types) system.EventStream.Subscribe(collector, type);
        return lines;
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<string> lines) => Receive<LogEvent>(e => lines.Enqueue($"{e.LogSource}: {e.Message} {e.Cause?.Message}"));
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(_systems.Select(s => s.Terminate()));
        foreach (var credentials in _credentials) credentials.Dispose();
        _certificates.Dispose();
    }
}
