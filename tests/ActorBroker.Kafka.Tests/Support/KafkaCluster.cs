using ActorBroker.Broker;
using ActorBroker.Broker.Serialization;
using ActorBroker.MultiNode;
using ActorBroker.Protocol.Messages;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Support;

/// <summary>
/// Broker nodes of one Akka.NET cluster in this process (<see cref="ClusterNodes"/>, loopback, ephemeral ports), each
/// with the real event-sourced partitions on its own in-memory journal and a Kafka door on 127.0.0.1 with an
/// ephemeral port. Timings are scaled down as in the broker's multi-node tests.
/// </summary>
internal sealed class KafkaCluster : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private const string Config = """
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    private readonly ClusterNodes _nodes;
    private long _correlation;

    private KafkaCluster(ITestOutputHelper output)
    {
        var common = ConfigurationFactory.ParseString($"{Config}\n{Testing.BrokerTestTimings.Hocon}").WithFallback(BrokerAkkaSerialization.Config).WithFallback(BrokerConfig.Defaults);
        _nodes = new ClusterNodes(output, common.ToString(includeFallback: true));
    }

    public List<KafkaNode> Nodes { get; } = [];

    /// <summary>Every node's advertised Kafka endpoint, comma-separated, as bootstrap.servers wants them.</summary>
    public string BootstrapServers => string.Join(",", Nodes.Select(n => n.Door.Advertised));

    public static KafkaSettings DoorSettings { get; } = KafkaSettings.FromConfig(KafkaConfig.Defaults) with
    {
        Listener = new HostPort("127.0.0.1", 0),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Starts <paramref name="count"/> nodes and returns when every node lists all of them in its metadata and knows every Kafka endpoint.</summary>
    /// <param name="door">The Kafka doors' settings; <see cref="DoorSettings"/> when null.</param>
    public static async Task<KafkaCluster> StartAsync(ITestOutputHelper output, int count, KafkaSettings? door = null)
    {
        var cluster = new KafkaCluster(output);
        try
        {
            var seed = cluster._nodes.StartMember([]);
            var systems = new List<ActorSystem> { seed };
            for (var i = 1; i < count; i++) systems.Add(cluster._nodes.StartMember([cluster._nodes.AddressOf(seed)]));
            await cluster._nodes.AwaitMembersUpAsync([.. systems]);
            foreach (var system in systems)
            {
                var broker = BrokerHost.Start(system);
                cluster.Nodes.Add(new KafkaNode(system, broker, KafkaDoor.Start(system, broker, door ?? DoorSettings)));
            }

            await cluster.AwaitAsync(() => cluster.Nodes.All(n => n.Broker.Metadata.Current.Nodes.Count == count && n.Door.Endpoints.Current.Count == count),
                $"every node lists {count} nodes and their Kafka endpoints");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates a topic through the first node's front and waits until every node's metadata gives each partition a leader.</summary>
    public async Task CreateTopicAsync(string name, int partitions, short replicationFactor, IReadOnlyDictionary<string, string>? configs = null)
    {
        var answer = await Nodes[0].Broker.Front.Ask<TopicAdminResponse>(
            new CreateTopicRequest(name, partitions, replicationFactor, configs ?? new Dictionary<string, string>(), Interlocked.Increment(ref _correlation)), Timeout);
        Assert.True(answer.Error == Protocol.ErrorCode.None, $"{answer.Error}: {answer.ErrorMessage}");
        await AwaitAsync(() => Nodes.All(n => n.Broker.Metadata.Current.Topics.TryGetValue(name, out var topic)
                                              && topic.Partitions.All(p => p.Leader is not null && p.Isr.Count == replicationFactor)),
            $"every node sees topic {name} with leaders and full ISRs");
    }

    /// <summary>
    /// Crashes a node: its Kafka listener drops every connection, as a dead process's sockets would, and its actor system
    /// aborts, cut off from the others (<see cref="ClusterNodes.KillAsync"/>), which then down it and elect new leaders.
    /// </summary>
    public async Task KillAsync(KafkaNode node)
    {
        Nodes.Remove(node);
        await node.Door.DisposeAsync();
        await _nodes.KillAsync(node.System);
    }

    /// <summary>The node that leads <paramref name="topic"/>'s <paramref name="partition"/> in the first node's metadata image.</summary>
    public KafkaNode LeaderOf(string topic, int partition)
    {
        var leader = Nodes[0].Broker.Metadata.Current.Topics[topic].Partitions[partition].Leader;
        return Nodes.Single(n => n.Broker.NodeId == leader);
    }

    public Task AwaitAsync(Func<bool> condition, string what) => _nodes.AwaitAsync(condition, what);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.Door.DisposeAsync();
        await _nodes.DisposeAsync();
    }
}

internal sealed record KafkaNode(ActorSystem System, BrokerHost Broker, KafkaDoor Door);
