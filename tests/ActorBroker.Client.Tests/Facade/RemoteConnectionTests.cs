using ActorBroker.Client.Settings;
using ActorBroker.Client.Tests.Support;
using ActorBroker.MultiNode;
using ActorBroker.Protocol;
using Akka.Configuration;

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
/// The node runs a fake broker front, so everything of the client's path is real but the broker.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class RemoteConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly ClusterModel _model = new();
    private readonly PartitionLogs _logs = new();
    private FakeBrokerNode? _node;

    private FakeBrokerNode Node => _node ?? throw new InvalidOperationException("the node starts in InitializeAsync");

    public async Task InitializeAsync() => _node = await FakeBrokerNode.StartAsync(_model, _logs, Patience);

    [Fact]
    public async Task Clients_bootstrapped_by_host_and_port_create_a_topic_produce_and_consume_through_a_cluster_node()
    {
        Assert.StartsWith($"akka.tcp://{Node.System.Name}@127.0.0.1:{Node.Port}/user/broker", _model.Describe(null, 0).Nodes[0].BrokerPath);
        var settings = ClientSettings.Default with { BootstrapServers = [$"127.0.0.1:{Node.Port}"], ClusterSystemName = Node.System.Name };
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        await using var admin = new AdminClient(connection);
        await admin.CreateTopicAsync("e2e", 2, 1).WaitAsync(Patience);

        await using (var producer = new ProducerClient(ProducerSettings.Default with { Client = settings }, connection))
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => producer.ProduceAsync("e2e", $"k{i % 5}", $"v{i}")))
                .WaitAsync(Patience);
            Assert.Equal(200, results.Select(r => (r.Partition, r.Offset)).Distinct().Count());
        }

        await using var consumer = new ConsumerClient(ConsumerSettings.Default with { Client = settings, AutoOffsetReset = AutoOffsetReset.Earliest }, connection);
        consumer.Assign([new TopicPartition("e2e", 0), new TopicPartition("e2e", 1)]);
        var values = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);
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
        _model.AddTopic("owned", _model.NodeIds[0]);
        var config = ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            actorbroker.client {
              bootstrap-servers = ["127.0.0.1:{{Node.Port}}"]
              cluster-system-name = "{{Node.System.Name}}"
              system-name = "owned-producer"
              producer.linger = 1ms
            }
            """);

        var producer = ProducerClient.Create(config);
        var system = producer.Actor.Path.Address.System;
        var result = await producer.ProduceAsync("owned", "k", "v").WaitAsync(Patience);
        Assert.Equal(0, result.Offset);
        Assert.Equal("owned-producer", system);
        await producer.DisposeAsync().AsTask().WaitAsync(Patience);
    }

    [Fact]
    public async Task A_bootstrap_list_whose_first_node_is_down_reaches_the_cluster_through_the_next()
    {
        var nobody = ClusterNodes.FreePort(); // nothing listens there
        var settings = ClientSettings.Default with
        {
            BootstrapServers = [$"127.0.0.1:{nobody}", $"127.0.0.1:{Node.Port}"],
            ClusterSystemName = Node.System.Name,
        };
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("akka.loglevel = ERROR"));
        await using var admin = new AdminClient(connection);

        await admin.CreateTopicAsync("via-second", 1, 1).WaitAsync(Patience);
        Assert.Equal(["via-second"], await admin.ListTopicsAsync().WaitAsync(Patience));
    }

    [Fact]
    public async Task A_record_near_max_request_size_crosses_remoting_both_ways()
    {
        _model.AddTopic("large", _model.NodeIds[0]);
        var settings = ClientSettings.Default with { BootstrapServers = [$"127.0.0.1:{Node.Port}"], ClusterSystemName = Node.System.Name };
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        var value = new byte[900_000]; // under max.request.size (1MiB), far over Akka's default frame of 128000 bytes
        Random.Shared.NextBytes(value);

        await using (var producer = new ProducerClient(ProducerSettings.Default with { Client = settings }, connection))
            Assert.Equal(0, (await producer.ProduceAsync("large", null, value).WaitAsync(Patience)).Offset);

        await using var consumer = new ConsumerClient(ConsumerSettings.Default with { Client = settings, AutoOffsetReset = AutoOffsetReset.Earliest }, connection);
        consumer.Assign([new TopicPartition("large", 0)]);
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (var record in consumer.ConsumeAsync(timeout.Token))
        {
            Assert.Equal(value, record.Value!.Value.ToArray());
            break;
        }
    }

    [Fact]
    public async Task A_producer_or_consumer_whose_requests_would_not_fit_a_remoting_frame_is_refused_naming_both_settings()
    {
        var settings = ClientSettings.Default with { BootstrapServers = [$"127.0.0.1:{Node.Port}"], ClusterSystemName = Node.System.Name };
        await using var connection = ClientConnection.Create(settings, ConfigurationFactory.ParseString("akka.loglevel = WARNING"));

        // The client's frames are 4 MiB: an 8 MiB request would be dropped by Akka and only time out.
        var producing = Assert.Throws<ConfigException>(() => new ProducerClient(ProducerSettings.Default with { Client = settings, MaxRequestSize = 8 << 20 }, connection));
        Assert.Contains("max.request.size", producing.Message, StringComparison.Ordinal);
        Assert.Contains("maximum-frame-size", producing.Message, StringComparison.Ordinal);
        var consuming = Assert.Throws<ConfigException>(() => new ConsumerClient(ConsumerSettings.Default with { Client = settings, MaxPartitionFetchBytes = 8 << 20 }, connection));
        Assert.Contains("max.partition.fetch.bytes", consuming.Message, StringComparison.Ordinal);

        // What fits is taken.
        await using var producer = new ProducerClient(ProducerSettings.Default with { Client = settings, MaxRequestSize = 2 << 20 }, connection);
    }

    [Fact]
    public async Task Attaching_a_system_without_the_client_defaults_fails_with_what_to_do()
    {
        using var plain = Akka.Actor.ActorSystem.Create("plain-remote", ConfigurationFactory.ParseString("""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            """));
        var error = Assert.Throws<InvalidOperationException>(() => ClientConnection.Attach(plain, ClientSettings.Default));
        Assert.Contains("ClientConnection.SystemDefaults", error.Message, StringComparison.Ordinal);
        await plain.Terminate();
    }

    public async Task DisposeAsync()
    {
        if (_node is not null) await _node.DisposeAsync();
    }
}
