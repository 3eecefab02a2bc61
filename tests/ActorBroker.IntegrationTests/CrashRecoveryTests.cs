using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace ActorBroker.IntegrationTests;

/// <summary>A node process SIGKILLed and restarted on its SQLite journal keeps what it acknowledged.</summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output) : ProcessTestBase(output)
{
    private const string Topic = "durable";
    private const int Partitions = 3;

    [Fact]
    public async Task Records_acknowledged_with_acks_1_are_there_after_their_node_is_SIGKILLed_and_restarted()
    {
        await Cluster.StartAsync();
        await using (var admin = new AdminClient(Cluster.Connection))
            await admin.CreateTopicAsync(Topic, Partitions, replicationFactor: 1);
        var metadata = await Cluster.AwaitMetadataAsync(
            m => m.Topics.SingleOrDefault(t => t.Name == Topic)?.Partitions is { Count: Partitions } ps && ps.All(p => p.Leader is not null),
            "every partition has a leader");
        // A node other than the controller's (whose journal holds the topics) that leads at least one partition.
        var victimId = metadata.Topics.Single(t => t.Name == Topic).Partitions.Select(p => p.Leader!)
            .First(leader => leader != Cluster.NodeId(ProcessCluster.ControllerNode));
        var victim = Cluster.IndexOf(victimId);

        var records = new NumberedRecords(Topic, 3_000);
        await using (var producer = new ProducerClient(ProducerSettings.FromConfig(Cluster.ClientConfig("actorbroker.client.producer.acks = 1")), Cluster.Connection))
            await records.ProduceAsync(producer, recordsPerSecond: 3_000, maxInFlight: 1_000).WaitAsync(Timeouts.Produce);
        Assert.Empty(records.Failures);
        Assert.Contains(records.Acknowledged.Values, a => metadata.Topics.Single(t => t.Name == Topic).Partitions[a.Partition].Leader == victimId);

        Cluster.Kill(victim);
        await Cluster.AwaitMetadataAsync(m => m.Nodes.All(n => n.Id != victimId), "the killed node is no longer a broker node");
        await Cluster.RestartAsync(victim);
        await Cluster.AwaitMetadataAsync(
            m => m.Nodes.Count == Cluster.Count && m.Topics.Single(t => t.Name == Topic).Partitions.All(p => p.Leader is not null),
            "the restarted node is back and every partition has a leader");

        var consumed = await records.ConsumeAsync(Cluster.Connection, ConsumerSettings.FromConfig(Cluster.ClientConfig()), Partitions, Timeouts.Consume);
        Assert.Empty(records.Lost(consumed));
        Assert.Empty(NumberedRecords.OutOfOrder(consumed));
    }
}
