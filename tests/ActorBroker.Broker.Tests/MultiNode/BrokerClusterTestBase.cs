using ActorBroker.Broker.Metadata;
using ActorBroker.MultiNode;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Actor;
using Akka.Cluster;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// Broker nodes of one Akka.NET cluster in this process (<see cref="ClusterNodes"/>). They share an in-memory journal
/// (as nodes sharing a PostgreSQL database would), so the controller's state survives its node, and run
/// <see cref="TestPartition"/>s that log where they run. Timings are scaled down: the controller and the caches retry
/// every 200 ms, and the partition shard coordinator rebalances (moves shards to where the controller placed them)
/// every 500 ms with locations gossiped every 200 ms.
/// </summary>
public abstract class BrokerClusterTestBase : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    private readonly string _storeId = $"broker-tests-{Guid.NewGuid():N}";
    private long _correlation;

    /// <param name="config">Extra HOCON every node gets, over the test timings.</param>
    protected BrokerClusterTestBase(ITestOutputHelper output, string? config = null) : base((ActorSystem?)null, output)
    {
        var common = TestConfigs.Broker($"{Testing.BrokerTestTimings.Hocon}\n{config}");
        Nodes = new ClusterNodes(output, common.ToString(includeFallback: true));
    }

    protected ClusterNodes Nodes { get; }

    protected TestPartitionLog Partitions { get; } = new();

    /// <summary>The broker of each started node.</summary>
    protected Dictionary<ActorSystem, BrokerHost> Brokers { get; } = [];

    /// <summary>The journal store every node shares; replicas of one partition keep apart by their node id in the persistence id.</summary>
    protected string SharedStoreId => _storeId;

    /// <summary>False to give every node a journal of its own (by port, so a restart reopens it), as SQLite nodes have.</summary>
    protected virtual bool SharedJournal => true;

    /// <summary>True to run the real, replicated partition logs instead of <see cref="TestPartition"/>s.</summary>
    protected virtual bool RealPartitions => false;

    /// <summary>Starts <paramref name="count"/> broker nodes; the first founds the cluster. <see cref="ControllerNodeOf"/> tells which runs the controller.</summary>
    protected async Task<List<ActorSystem>> StartBrokersAsync(int count)
    {
        var seedPort = ClusterNodes.FreePort();
        SeedAddress = Nodes.AddressOn(seedPort);
        var nodes = new List<ActorSystem> { StartBroker(seedPort) };
        for (var i = 1; i < count; i++) nodes.Add(StartBroker());
        await AwaitUpAsync(nodes);
        await AwaitConvergedAsync(nodes, image => image.Nodes.Count == count, $"every node's metadata lists {count} broker nodes");
        return nodes;
    }

    protected Address SeedAddress { get; private set; } = null!;

    /// <summary>
    /// Starts a member that joins through the seed (or <paramref name="seeds"/>: a restarted seed must join through the
    /// others, else it founds a cluster of its own), on <paramref name="port"/> (0 = any), with its journal and a broker.
    /// </summary>
    protected ActorSystem StartBroker(int port = 0, IEnumerable<Address>? seeds = null)
    {
        port = port == 0 ? ClusterNodes.FreePort() : port;
        // Restarting the first seed without seeds of its own: it joins through the running nodes.
        seeds ??= port == SeedAddress.Port && Nodes.Nodes.Count > 0 ? [.. Nodes.Nodes.Select(Nodes.AddressOf)] : [SeedAddress];
        var node = Nodes.StartMember(seeds, JournalConfig(port), port);
        return StartBrokerOn(node);
    }

    /// <summary>Restarts <paramref name="node"/> (a new incarnation on its port, with its journal) and starts its broker.</summary>
    protected async Task<ActorSystem> RestartBrokerAsync(ActorSystem node)
    {
        var restarted = StartBrokerOn(await Nodes.RestartAsync(node));
        // Until every node sees it Up, a crash of another node could leave a side that downs itself (keep-majority counts Up members).
        await Nodes.AwaitMembersUpAsync([.. Nodes.Nodes]);
        return restarted;
    }

    private ActorSystem StartBrokerOn(ActorSystem node)
    {
        Brokers[node] = RealPartitions ? BrokerHost.Start(node) : BrokerHost.Start(node, Partitions.Factory);
        return node;
    }

    /// <summary>A node's journal: the shared store, or one of its own by port.</summary>
    private string JournalConfig(int port) => SharedMemoryJournal.Config(StoreOf(port)).ToString(includeFallback: true);

    protected string StoreOf(int port) => SharedJournal ? _storeId : $"{_storeId}-{port}";

    protected Task AwaitUpAsync(IReadOnlyList<ActorSystem> nodes) => Nodes.AwaitMembersUpAsync([.. nodes]);

    protected Task AwaitAsync(ActorSystem node, Func<bool> condition, string what) =>
        AwaitConditionAsync(() => Task.FromResult(condition()), Long, TimeSpan.FromMilliseconds(50), $"timed out waiting until {what}");

    protected Task AwaitAsyncTask(Func<Task<bool>> condition, string what) =>
        AwaitConditionAsync(condition, Long, TimeSpan.FromMilliseconds(50), $"timed out waiting until {what}");

    /// <summary>Waits until every node holds the same metadata version and it satisfies <paramref name="condition"/>.</summary>
    protected async Task<MetadataImage> AwaitConvergedAsync(IReadOnlyList<ActorSystem> nodes, Func<MetadataImage, bool> condition, string what)
    {
        await AwaitAsync(nodes[0], () =>
        {
            var images = nodes.Select(n => Brokers[n].Metadata.Current).ToList();
            return images.All(i => i.Version == images[0].Version) && condition(images[0]);
        }, what);
        return Brokers[nodes[0]].Metadata.Current;
    }

    protected long NextCorrelationId() => Interlocked.Increment(ref _correlation);

    /// <summary>Sends <paramref name="request"/> to <paramref name="node"/>'s front actor and returns the answer.</summary>
    protected async Task<T> AskFrontAsync<T>(ActorSystem node, object request) =>
        await Brokers[node].Front.Ask<T>(request, Long);

    protected Task<TopicAdminResponse> CreateTopicAsync(ActorSystem node, string name, int partitions, short replicationFactor = 1,
        IReadOnlyDictionary<string, string>? configs = null) =>
        AskFrontAsync<TopicAdminResponse>(node, new CreateTopicRequest(name, partitions, replicationFactor, configs ?? new Dictionary<string, string>(), NextCorrelationId()));

    protected Task<TopicAdminResponse> DeleteTopicAsync(ActorSystem node, string name) =>
        AskFrontAsync<TopicAdminResponse>(node, new DeleteTopicRequest(name, NextCorrelationId()));

    protected Task<TopicAdminResponse> CreatePartitionsAsync(ActorSystem node, string name, int total) =>
        AskFrontAsync<TopicAdminResponse>(node, new CreatePartitionsRequest(name, total, NextCorrelationId()));

    protected Task<MetadataResponse> MetadataAsync(ActorSystem node, params string[]? topics) =>
        AskFrontAsync<MetadataResponse>(node, new MetadataRequest(topics, NextCorrelationId()));

    /// <summary>
    /// Asks the controller, as <paramref name="via"/>'s partition leader would, to set the ISR of a partition to
    /// <paramref name="newIsr"/>, based on the leader, epochs and topic id in <paramref name="via"/>'s metadata.
    /// </summary>
    protected async Task<Broker.Controller.AlterPartitionResponse> AlterIsrAsync(ActorSystem via, TopicPartition partition, params string[] newIsr)
    {
        var image = Brokers[via].Metadata.Current;
        Assert.True(image.TryGetPartition(partition, out var topic, out var p), $"{Nodes.AddressOf(via)} does not know {partition}");
        return await Brokers[via].ControllerProxy.Ask<Broker.Controller.AlterPartitionResponse>(
            new Broker.Controller.AlterPartition(partition, topic.TopicId, p.Leader!, p.LeaderEpoch, p.PartitionEpoch, newIsr), Long);
    }

    /// <summary>
    /// Waits until <paramref name="node"/>'s region hosts the shard of <paramref name="partition"/>: the controller places
    /// it on the leader's node, and until then a gateway elsewhere forwards to the leader. A test that cuts the leader off
    /// and still reaches it through its own front needs the shard there first.
    /// </summary>
    protected Task AwaitShardOnAsync(ActorSystem node, TopicPartition partition) =>
        AwaitAsyncTask(async () =>
        {
            var region = Akka.Cluster.Sharding.ClusterSharding.Get(node).ShardRegion(BrokerHost.PartitionTypeName);
            var state = await region.Ask<Akka.Cluster.Sharding.CurrentShardRegionState>(Akka.Cluster.Sharding.GetShardRegionState.Instance, TimeSpan.FromSeconds(3));
            return state.Shards.Any(s => s.ShardId == partition.ToString());
        }, $"the shard of {partition} is on {Nodes.AddressOf(node)}");

    /// <summary>The port of the node whose partition entity served the last produce to <paramref name="partition"/>.</summary>
    protected int LastProducedOn(TopicPartition partition)
    {
        var last = Partitions.Entries.Last(e => e.StartsWith("produce@", StringComparison.Ordinal) && e.Contains($":{partition}:", StringComparison.Ordinal));
        return int.Parse(last["produce@".Length..last.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Asserts a successful admin answer, showing the broker's message when it is not.</summary>
    protected static void AssertOk(TopicAdminResponse response) =>
        Assert.True(response.Error == ErrorCode.None, $"{response.Error}: {response.ErrorMessage}");

    protected static ProduceRequest Produce(TopicPartition partition, long correlationId, int records = 1)
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < records; i++) builder.TryAppend(1_700_000_000_000 + i, null, [(byte)i]);
        return new ProduceRequest(partition, Acks.Leader, 5000, builder.Build(), correlationId);
    }

    /// <summary>Produces through <paramref name="node"/>'s front until the answer is not a retriable error (metadata may still be spreading).</summary>
    protected async Task<ProduceResponse> ProduceUntilAnsweredAsync(ActorSystem node, TopicPartition partition)
    {
        ProduceResponse? response = null;
        await AwaitConditionAsync(async () =>
        {
            var correlationId = NextCorrelationId();
            try
            {
                response = await Brokers[node].Front.Ask<ProduceResponse>(Produce(partition, correlationId), TimeSpan.FromSeconds(2));
            }
            catch (AskTimeoutException)
            {
                return false;
            }

            Assert.Equal(correlationId, response.CorrelationId);
            return !response.Error.IsRetriable();
        }, Long, TimeSpan.FromMilliseconds(50), $"a produce to {partition} through {Nodes.AddressOf(node)} was never answered without a retriable error");
        return response!;
    }

    /// <summary>The node the controller runs on: the oldest member, as each node's own membership entry says (ties go by address).</summary>
    protected static ActorSystem ControllerNodeOf(IEnumerable<ActorSystem> nodes) =>
        nodes.OrderBy(n => Cluster.Get(n).SelfMember, Member.AgeOrdering).First();

    protected static int PortOf(ActorSystem node) => Cluster.Get(node).SelfAddress.Port!.Value;

    protected static string NodeIdOf(ActorSystem node) => $"127.0.0.1:{PortOf(node)}";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Nodes.Dispose();
            SharedMemoryJournal.Drop(_storeId);
            foreach (var port in Brokers.Keys.Select(PortOf).Distinct()) SharedMemoryJournal.Drop($"{_storeId}-{port}");
        }

        base.Dispose(disposing);
    }
}
