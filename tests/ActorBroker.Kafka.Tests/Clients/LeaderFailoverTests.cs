using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Clients;

/// <summary>A partition leader's node dies while Confluent.Kafka produces with acks=all through the Kafka doors.</summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class LeaderFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private KafkaCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KafkaCluster.StartAsync(output, 3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Leader_killed_under_acks_all_loses_no_acknowledged_record_and_the_client_follows_the_new_leader()
    {
        const int partitions = 3;
        const int count = 2000;
        await _cluster.CreateTopicAsync("failover", partitions, replicationFactor: 3, new Dictionary<string, string> { ["min.insync.replicas"] = "2" });
        // Not the seed node: the test kit's cluster keeps its first node as everyone's seed.
        var victim = Enumerable.Range(0, partitions).Select(p => _cluster.LeaderOf("failover", p)).First(n => n != _cluster.Nodes[0]);
        var victimId = victim.Broker.NodeId;
        var ledByVictim = Enumerable.Range(0, partitions).Where(p => _cluster.LeaderOf("failover", p) == victim).ToList();

        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output, c => c.MessageTimeoutMs = 90_000);
        var sends = new List<Task<DeliveryResult<string, string>>>(count);
        var firstHalfDelivered = 0;
        for (var i = 0; i < count; i++)
        {
            if (i == count / 2)
            {
                // Half are in flight or acknowledged when the leader dies; the rest are sent while the cluster recovers.
                await _cluster.AwaitAsync(() => Volatile.Read(ref firstHalfDelivered) >= count / 4, "a quarter of the records are acknowledged");
                await _cluster.KillAsync(victim);
            }

            var send = producer.ProduceAsync("failover", new Message<string, string> { Key = $"key-{i % 29}", Value = $"value-{i}" });
            if (i < count / 2) _ = send.ContinueWith(_ => Interlocked.Increment(ref firstHalfDelivered), TaskContinuationOptions.OnlyOnRanToCompletion);
            sends.Add(send);
        }

        await Task.WhenAll(sends.Select(s => s.ContinueWith(_ => { })));
        var acknowledged = sends.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result).ToList();
        var failed = sends.Where(s => s.IsFaulted).Select(s => ((ProduceException<string, string>)s.Exception!.InnerException!).Error).ToList();
        output.WriteLine($"{acknowledged.Count} acknowledged, {failed.Count} failed: {string.Join("; ", failed.Select(e => e.Reason).Distinct())}");
        Assert.All(acknowledged, d => Assert.Equal(PersistenceStatus.Persisted, d.Status));
        // The records sent after the kill reach the partitions the dead node led, through their new leaders.
        Assert.Contains(acknowledged.Skip(count / 2), d => ledByVictim.Contains(d.Partition.Value));
        // The client found those leaders through some node's Metadata; the first node's image may catch up a moment later.
        await _cluster.AwaitAsync(() => ledByVictim.All(p => _cluster.Nodes[0].Broker.Metadata.Current.Topics["failover"].Partitions[p].Leader != victimId),
            "the first node's image has new leaders for the dead node's partitions");

        var read = ConfluentClients.ReadAll(_cluster.BootstrapServers, output, "failover", partitions, TimeSpan.FromSeconds(60));
        var readAt = read.ToDictionary(r => (r.Partition.Value, r.Offset.Value), r => r.Message.Value);
        foreach (var d in acknowledged)
        {
            Assert.True(readAt.TryGetValue((d.Partition.Value, d.Offset.Value), out var value), $"{d.Message.Value} acknowledged at {d.TopicPartitionOffset} is not there");
            Assert.Equal(d.Message.Value, value);
        }
    }
}
