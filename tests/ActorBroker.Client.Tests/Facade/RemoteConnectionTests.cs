using ActorBroker.Actors;
using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Support;
using ActorBroker.Cluster;
using ActorBroker.Cluster.Client;
using ActorBroker.Hocon;
using ActorBroker.Protocol;
using ActorBroker.TestKit.MultiNode;
using Xunit.Abstractions;

namespace ActorBroker.Client.Tests.Facade;

/// <summary>Multi-node tests run one at a time: on two cores, parallel clusters starve each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MultiNodeCollection
{
    public const string Name = "client multi-node";
}

/// <summary>
/// Clients in their own actor system reach a real cluster member by bootstrap host:port: metadata and admin through
/// the cluster client and the receptionist, produce and fetch straight to the node's /user/broker over remoting.
/// The node runs a fake broker front (the real broker comes later), so everything of the client's path is real.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class RemoteConnectionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestNodes _nodes = new(output, TestNodes.ClusterConfig);
    private readonly ClusterModel _model = new();
    private readonly PartitionLogs _logs = new();

    [Fact]
    public async Task Clients_bootstrapped_by_host_and_port_create_a_topic_produce_and_consume_through_a_cluster_node()
    {
        var port = await StartBrokerNodeAsync();
        var settings = ClientSettings.Default with { BootstrapServers = [$"127.0.0.1:{port}"], ClusterSystemName = _nodes.SystemName };
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("actorbroker.loglevel = WARNING"));
        await using var admin = new AdminClient(connection);
        await admin.CreateTopicAsync("e2e", 2, 1).WaitAsync(TimeSpan.FromSeconds(20));

        await using (var producer = new ProducerClient(ProducerSettings.Default with { Client = settings }, connection))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => producer.ProduceAsync("e2e", $"k{i % 5}", $"v{i}")))
                .WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(200, results.Select(r => (r.Partition, r.Offset)).Distinct().Count());
        }

        await using var consumer = new ConsumerClient(ConsumerSettings.Default with { Client = settings, AutoOffsetReset = AutoOffsetReset.Earliest }, connection);
        consumer.Assign([new TopicPartition("e2e", 0), new TopicPartition("e2e", 1)]);
        var values = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var record in consumer.ConsumeAsync(timeout.Token))
        {
            values.Add(record.ValueAsString()!);
            if (values.Count == 200) break;
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"v{i}").Order(), values.Order());
    }

    [Fact]
    public async Task A_producer_made_from_hocon_owns_its_actor_system_and_closes_it()
    {
        var port = await StartBrokerNodeAsync();
        _model.AddTopic("owned", _model.NodeIds[0]);
        var config = ConfigurationFactory.ParseString($$"""
            actorbroker.loglevel = WARNING
            actorbroker.client {
              bootstrap-servers = ["127.0.0.1:{{port}}"]
              cluster-system-name = "{{_nodes.SystemName}}"
              system-name = "owned-producer"
              producer.linger = 1ms
            }
            """);

        var producer = ProducerClient.Create(config);
        var result = await producer.ProduceAsync("owned", "k", "v").WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(0, result.Offset);
        Assert.Equal("owned-producer", producer.Actor.Path.Address.System);
        await producer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>A one-node cluster whose /user/broker is the fake front, registered with the receptionist; returns its port.</summary>
    private async Task<int> StartBrokerNodeAsync()
    {
        var port = TestNodes.FreePort();
        var node = _nodes.StartMember([_nodes.AddressOn(port)], port: port);
        await Cluster.Cluster.Get(node).WhenUp.WaitAsync(TimeSpan.FromSeconds(20));
        ProtocolSerialization.Register(node);
        var nodeId = $"127.0.0.1:{port}";
        var front = node.ActorOf(FakeBrokerFront.Props(nodeId, _model, _logs), "broker");
        _model.AddNode(nodeId, front);
        Assert.StartsWith($"abroker.tcp://{_nodes.SystemName}@127.0.0.1:{port}/user/broker", front.Path.ToString());
        ClusterClientReceptionist.Get(node).RegisterService(front);
        return port;
    }

    public void Dispose() => _nodes.Dispose();
}
