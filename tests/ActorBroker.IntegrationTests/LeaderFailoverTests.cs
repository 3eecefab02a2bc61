using ActorBroker.Client;
using ActorBroker.Client.Settings;
using ActorBroker.IntegrationTests.Harness;
using ActorBroker.Protocol.Messages;
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
        var controller = Cluster.NodeId(ProcessCluster.ControllerNode);
        await using (var admin = new AdminClient(Cluster.Connection))
        {
            await admin.CreateTopicAsync(Topic, Partitions, replicationFactor: 3, new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
            var created = await Cluster.AwaitMetadataAsync(m => PartitionsOf(m) is { Count: Partitions } ps && ps.All(p => p.Leader is not null && p.Isr.Count == 3),
                "every partition has a leader and three in-sync replicas");
            // The controller keeps its topics in its own node's journal: partition 0's leader must be another node.
            if (Partition0(created) is { Leader: { } leader } first && leader == controller)
            {
                await admin.ReassignPartitionAsync(Topic, 0, [.. first.Replicas.Where(r => r != controller), controller]);
                await Cluster.AwaitMetadataAsync(m => Partition0(m)?.Leader is { } l && l != controller, "the preferred leader election moves partition 0 off the controller's node");
            }
        }

        var before = Partition0(await Cluster.AwaitMetadataAsync(m => Partition0(m)?.Isr.Count == 3, "partition 0 has three in-sync replicas"))!;
        var victim = Cluster.IndexOf(before.Leader!);

        var records = new NumberedRecords(Topic, 6_000);
        await using var producer = new ProducerClient(ProducerSettings.FromConfig(Cluster.ClientConfig("actorbroker.client.producer.acks = all")), Cluster.Connection);
        var producing = records.ProduceAsync(producer, recordsPerSecond: 1_500, maxInFlight: 2_000);
        await AwaitConditionAsync(() => Task.FromResult(records.Acknowledged.Count >= records.Count / 3 || producing.IsCompleted), Timeouts.Produce);
        Cluster.Kill(victim);
        await producing.WaitAsync(Timeouts.Produce);
        Output?.WriteLine($"acknowledged {records.Acknowledged.Count} of {records.Count}; failed: {string.Join(", ", records.Failures.Select(f => $"{f.Key} {f.Value}"))}");

        var after = await Cluster.AwaitMetadataAsync(
            m => Partition0(m) is { Leader: { } leader } && leader != before.Leader, "partition 0 has a new leader");
        var elected = Partition0(after)!;
        Assert.True(elected.LeaderEpoch > before.LeaderEpoch, $"the election bumps the leader epoch ({before.LeaderEpoch} -> {elected.LeaderEpoch})");
        Assert.True(records.Acknowledged.Count > 2 * records.Count / 3, "records produced after the kill were acknowledged by the new leader");

        var consumed = await records.ConsumeAsync(Cluster.Connection, ConsumerSettings.FromConfig(Cluster.ClientConfig()), Partitions, Timeouts.Consume);
        Assert.Empty(records.Lost(consumed));
        Assert.Empty(NumberedRecords.OutOfOrder(consumed));

        // The old leader returns, truncates what it had beyond the new leader's log, catches up and holds the same bytes.
        await Cluster.RestartAsync(victim);
        await Cluster.AwaitMetadataAsync(m => PartitionsOf(m) is { Count: Partitions } ps && ps.All(p => p.Isr.Count == 3),
            "the restarted node is back in every partition's ISR");
        await using var verifier = new AdminClient(Cluster.Connection);
        // Compared until the replicas agree: a follower learns the last high watermark on its next fetch.
        await AwaitAssertAsync(async () =>
        {
            var comparison = await verifier.CompareReplicasAsync(Topic);
            Assert.True(comparison.Identical, string.Join("\n", comparison.Problems));
            Assert.All(comparison.Partitions, p => Assert.Equal(3, p.Replicas.Count));
            Assert.True(comparison.Partitions.Sum(p => p.To - p.From) >= records.Acknowledged.Count, "every acknowledged record was compared");
        }, Timeouts.Consume, TimeSpan.FromMilliseconds(200));
    }

    private static PartitionMetadata? Partition0(MetadataResponse metadata) => PartitionsOf(metadata).FirstOrDefault(p => p.Partition == 0);

    private static IReadOnlyList<PartitionMetadata> PartitionsOf(MetadataResponse metadata) =>
        [.. (metadata.Topics.SingleOrDefault(t => t.Name == Topic)?.Partitions ?? []).OrderBy(p => p.Partition)];
}
