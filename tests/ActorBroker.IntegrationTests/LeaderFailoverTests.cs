using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace ActorBroker.IntegrationTests;

/// <summary>Three node processes, a topic with replication factor 3 and min.insync.replicas 2, and a partition leader SIGKILLed under acks=all load.</summary>
[Collection(NodeProcessesCollection.Name)]
public sealed class LeaderFailoverTests(ITestOutputHelper output) : ProcessTestBase(output)
{
    private const string Topic = "failover";
    private const int Partitions = 3;

    [Fact]
    public async Task Leader_SIGKILLed_under_acks_all_loses_no_acknowledged_record()
    {
        await Cluster.StartAsync();
        await using (var admin = new AdminClient(Cluster.Connection))
            await admin.CreateTopicAsync(Topic, Partitions, replicationFactor: 3, new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        var metadata = await Cluster.AwaitMetadataAsync(
            m => m.Topics.SingleOrDefault(t => t.Name == Topic)?.Partitions is { Count: Partitions } ps && ps.All(p => p.Leader is not null && p.Isr.Count == 3),
            "every partition has a leader and three in-sync replicas");

        // Partition 0's leader, unless it is the controller's node: the controller keeps its topics in its own node's journal.
        var before = metadata.Topics.Single(t => t.Name == Topic).Partitions.OrderBy(p => p.Partition)
            .First(p => p.Leader != Cluster.NodeId(ProcessCluster.ControllerNode));
        var victim = Cluster.IndexOf(before.Leader!);

        var records = new NumberedRecords(Topic, 6_000);
        await using var producer = new ProducerClient(ProducerSettings.FromConfig(Cluster.ClientConfig("actorbroker.client.producer.acks = all")), Cluster.Connection);
        var producing = records.ProduceAsync(producer, recordsPerSecond: 1_500, maxInFlight: 2_000);
        await AwaitConditionAsync(() => records.Acknowledged.Count >= records.Count / 3 || producing.IsCompleted, Timeouts.Produce);
        Cluster.Kill(victim);
        await producing.WaitAsync(Timeouts.Produce);
        Output?.WriteLine($"acknowledged {records.Acknowledged.Count} of {records.Count}; failed: {string.Join(", ", records.Failures.Select(f => $"{f.Key} {f.Value}"))}");

        var after = await Cluster.AwaitMetadataAsync(
            m => m.Topics.Single(t => t.Name == Topic).Partitions[before.Partition] is { Leader: { } leader } && leader != before.Leader,
            $"partition {before.Partition} has a new leader");
        var elected = after.Topics.Single(t => t.Name == Topic).Partitions[before.Partition];
        Assert.True(elected.LeaderEpoch > before.LeaderEpoch, $"the election bumps the leader epoch ({before.LeaderEpoch} -> {elected.LeaderEpoch})");
        Assert.True(records.Acknowledged.Count > 2 * records.Count / 3, "records produced after the kill were acknowledged by the new leader");

        var consumed = await records.ConsumeAsync(Cluster.Connection, ConsumerSettings.FromConfig(Cluster.ClientConfig()), Partitions, Timeouts.Consume);
        Assert.Empty(records.Lost(consumed));
        Assert.Empty(NumberedRecords.OutOfOrder(consumed));
    }
}
