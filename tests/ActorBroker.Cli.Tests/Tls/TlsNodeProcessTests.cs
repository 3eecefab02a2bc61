using System.Globalization;
using ActorBroker.Cli.Quickstart;
using ActorBroker.Client;
using ActorBroker.MultiNode;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;
using ActorBroker.Tls;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Cli.Tests.Tls;

/// <summary>
/// Real <c>actorbroker node</c> processes: with TLS off the node says once that its cluster port is open to anyone; with
/// TLS on, a client holding a certificate of the cluster CA produces and consumes, and one without is refused in bounded time;
/// a client certificate reaches the broker's front and nothing else.
/// </summary>
[Collection(ClusterNodesCollection.Name)]
[Trait("Category", "Slow")]
public sealed class TlsNodeProcessTests(ITestOutputHelper output) : IDisposable
{
    private const string PlaintextWarning = "unauthenticated and unencrypted";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestCertificates _certificates = new();
    private readonly List<NodeProcess> _processes = [];
    private readonly List<ActorSystem> _systems = [];

    [Fact]
    public async Task A_node_with_tls_off_logs_one_warning_that_its_cluster_port_is_unauthenticated_and_unencrypted()
    {
        var node = StartNode("actorbroker.tls.enabled = off", out _);

        var warning = await node.WaitForLineAsync(PlaintextWarning, Startup);
        await node.WaitForLineAsync("is Up", Startup);
        Assert.Equal(0, await node.TerminateAsync(Patience));

        Assert.Contains("warn", warning, StringComparison.Ordinal);
        Assert.Contains("actorbroker.tls.enabled = off", warning, StringComparison.Ordinal);
        Assert.Single(node.Output, l => l.Contains(PlaintextWarning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_ca_produces_and_consumes_on_a_tls_node_and_one_without_cannot_connect()
    {
        var node = StartNode(_certificates.Hocon("node1"), out var port);
        await node.WaitForLineAsync("is Up", Startup);
        Assert.DoesNotContain(node.Output, l => l.Contains(PlaintextWarning, StringComparison.Ordinal));

        var client = ClientConfig(port, _certificates.Hocon("client"));
        await using (var admin = AdminClient.Create(client))
            await admin.CreateTopicAsync("secured", 1, 1).WaitAsync(Patience);
        await using (var producer = ProducerClient.Create(client))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => producer.ProduceAsync("secured", null, $"v{i}"))).WaitAsync(Patience);
            Assert.Equal(20, results.Select(r => r.Offset).Distinct().Count());
        }

        await using (var consumer = ConsumerClient.Create(client))
        {
            consumer.Assign([new TopicPartition("secured", 0)]);
            var values = new List<string>();
            using var timeout = new CancellationTokenSource(Patience);
            await foreach (var record in consumer.ConsumeAsync(timeout.Token))
            {
                values.Add(record.ValueAsString()!);
                if (values.Count == 20) break;
            }

            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"v{i}"), values);
        }

        // Plain TCP to the TLS port: the handshake fails, every attempt, until the admin call's own deadline.
        await using var plain = AdminClient.Create(ClientConfig(port, "actorbroker.client.admin { request-timeout = 1s, default-api-timeout = 3s }"));
        var refused = await Assert.ThrowsAsync<BrokerException>(() => plain.ListTopicsAsync().WaitAsync(Patience));
        Assert.Equal(ErrorCode.RequestTimedOut, refused.Code);
        output.WriteLine(refused.Message);
    }

    [Fact]
    public async Task A_client_certificate_cannot_join_as_a_node_select_other_actors_or_stop_the_broker_front()
    {
        var node = StartNode(_certificates.Hocon("node1"), out var port);
        await node.WaitForLineAsync("is Up", Startup);
        var nodeAddress = Address.Parse($"akka.ssl.tcp://broker@127.0.0.1:{port}");
        using var credentials = TlsCredentials.Load(_certificates.Settings("client"));

        // A member needs the cluster's system name; the node refuses a client certificate's handshake in that name.
        var joiner = StartSystem("broker", "akka.actor.provider = cluster", credentials);
        Cluster.Get(joiner).Join(nodeAddress);
        await node.WaitForLineAsync("a handshake in the name of the cluster's actor system 'broker'", Patience);

        // Selections of anything but the receptionist are dropped, so nothing answers the daemon's Identify and the
        // PoisonPill never reaches the broker's front (whose stop would stop the node).
        var intruder = StartSystem("intruder", "akka.actor.provider = remote", credentials);
        var answers = new System.Collections.Concurrent.ConcurrentQueue<object>();
        var inbox = intruder.ActorOf(Props.Create(() => new AnswerCollector(answers)));
        intruder.ActorSelection(new RootActorPath(nodeAddress) / "system" / "cluster" / "core" / "daemon").Tell(new Identify("daemon"), inbox);
        await node.WaitForLineAsync("refused a selection of /system/cluster/core/daemon", Patience);
        intruder.ActorSelection(new RootActorPath(nodeAddress) / "user" / "broker").Tell(PoisonPill.Instance);
        intruder.ActorSelection(new RootActorPath(nodeAddress) / "system" / "receptionist").Tell(new Identify("receptionist"), inbox);

        Assert.True(await Poll.UntilAsync(() => !answers.IsEmpty, Patience), "the receptionist never answered");
        // The only answer: the daemon was never asked (the node logged the refusal before the receptionist was asked).
        var identity = Assert.IsType<ActorIdentity>(Assert.Single(answers));
        Assert.Equal("receptionist", identity.MessageId);
        Assert.NotNull(identity.Subject);
        Assert.NotEqual(MemberStatus.Up, Cluster.Get(joiner).SelfMember.Status);
        await using (var admin = AdminClient.Create(ClientConfig(port, _certificates.Hocon("client"))))
        {
            await admin.CreateTopicAsync("after", 1, 1).WaitAsync(Patience);
            Assert.Contains("after", await admin.ListTopicsAsync().WaitAsync(Patience));
        }

        Assert.False(node.HasExited);
    }

    [Fact]
    public async Task With_authorization_on_a_client_certificate_does_what_the_acls_for_its_subject_allow()
    {
        var node = StartNode(_certificates.Hocon("node1") + """

            actorbroker.broker.cluster-port.authorization { enabled = on, super-users = ["User:CN=admin"] }
            """, out var port);
        await node.WaitForLineAsync("is Up", Startup);
        await using var admin = AdminClient.Create(ClientConfig(port, _certificates.Hocon("admin")));
        await using var app = AdminClient.Create(ClientConfig(port, _certificates.Hocon("client")));
        await admin.CreateTopicAsync("guarded", 1, 1).WaitAsync(Patience);

        // No ACL names User:CN=client yet: its produce, topic creation and ACL change are refused with Kafka's codes.
        await using (var producer = ProducerClient.Create(ClientConfig(port, _certificates.Hocon("client"))))
        {
            var refused = await Assert.ThrowsAsync<BrokerException>(() => producer.ProduceAsync("guarded", null, "v").WaitAsync(Patience));
            Assert.Equal(ErrorCode.TopicAuthorizationFailed, refused.Code);
        }

        Assert.Equal(ErrorCode.TopicAuthorizationFailed, (await Assert.ThrowsAsync<BrokerException>(() => app.CreateTopicAsync("mine", 1, 1).WaitAsync(Patience))).Code);
        var write = new AclBinding(AclResourceType.Topic, "guarded", AclPatternType.Literal, "User:CN=client", AclBinding.Wildcard, AclOperation.Write, AclPermission.Allow);
        Assert.Equal(ErrorCode.ClusterAuthorizationFailed, (await Assert.ThrowsAsync<BrokerException>(() => app.CreateAclsAsync([write]).WaitAsync(Patience))).Code);
        await node.WaitForLineAsync("User:CN=client may not", Patience);

        // The super user grants Write on the topic: the same client certificate now produces.
        await admin.CreateAclsAsync([write]).WaitAsync(Patience);
        DescribeSecurityResponse? security = null;
        for (var deadline = DateTime.UtcNow + Patience; DateTime.UtcNow < deadline && security?.Acls.Count is not 1;)
            security = await admin.DescribeSecurityAsync().WaitAsync(Patience);
        Assert.Single(security!.Acls);
        await using (var producer = ProducerClient.Create(ClientConfig(port, _certificates.Hocon("client"))))
        {
            var delivered = await producer.ProduceAsync("guarded", null, "allowed").WaitAsync(Patience);
            Assert.Equal(0, delivered.Offset);
        }
    }

    private sealed class AnswerCollector : ReceiveActor
    {
        public AnswerCollector(System.Collections.Concurrent.ConcurrentQueue<object> answers) => ReceiveAny(answers.Enqueue);
    }

    private ActorSystem StartSystem(string name, string provider, TlsCredentials credentials)
    {
        var config = ConfigurationFactory.ParseString($$"""
            {{provider}}
            akka.loglevel = WARNING
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.cluster.seed-node-timeout = 1s
            akka.coordinated-shutdown { exit-clr = off, run-by-clr-shutdown-hook = off }
            """).WithFallback(ClientConnection.SystemDefaults);
        var system = ActorSystem.Create(name, TlsCredentials.SystemSetup(config, credentials));
        _systems.Add(system);
        return system;
    }

    private NodeProcess StartNode(string tlsHocon, out int port)
    {
        port = ClusterNodes.FreePort();
        var directory = Path.Combine(_certificates.Root, $"node-{port}");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "node.conf");
        File.WriteAllText(file, $$"""
            akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
            akka.cluster.seed-node-timeout = 1s
            {{tlsHocon}}
            """);
        var node = NodeProcess.Start(
        [
            "node", "--config", file, "--port", port.ToString(CultureInfo.InvariantCulture), "--seed-nodes", $"127.0.0.1:{port}",
            "--data-dir", directory, "--kafka-listener", "off",
        ]);
        _processes.Add(node);
        return node;
    }

    private static Config ClientConfig(int port, string hocon) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        actorbroker.client {
          bootstrap-servers = ["127.0.0.1:{{port}}"]
          cluster-system-name = "broker"
          consumer.auto-offset-reset = earliest
          producer.linger = 1ms
        }
        {{hocon}}
        """);

    public void Dispose()
    {
        Task.WhenAll(_systems.Select(s => s.Terminate())).Wait(Patience);
        foreach (var node in _processes)
        {
            foreach (var line in node.Output) output.WriteLine(line);
            node.Dispose();
        }

        _certificates.Dispose();
    }
}
