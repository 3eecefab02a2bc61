using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using BrokerErrorCode = ActorBroker.Protocol.ErrorCode;
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
        await _cluster.CreateTopicAsync("placed", partitions, replicationFactor: 1);
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

        await AwaitSurvivorsHoldTheSameBytesAsync("failover", partitions);
        await AssertDebuggingReadsStayOnTheirNodeAsync("placed", partitions);
    }

    /// <summary>A debugging read is not routed to the leader: a node without a replica of the partition refuses it.</summary>
    private async Task AssertDebuggingReadsStayOnTheirNodeAsync(string topic, int partitions)
    {
        foreach (var node in _cluster.Nodes)
        {
            var answers = Assert.Single((await FetchOwnReplicasAsync(node, topic, partitions)).Topics).Partitions;
            foreach (var answer in answers)
            {
                var hostedHere = _cluster.Nodes[0].Broker.Metadata.Current.Topics[topic].Partitions[answer.PartitionIndex].Replicas.Contains(node.Broker.NodeId);
                Assert.Equal(hostedHere ? BrokerErrorCode.None : BrokerErrorCode.NotLeaderOrFollower, (BrokerErrorCode)answer.ErrorCode);
            }
        }
    }

    /// <summary>
    /// Each surviving node's door answers a debugging consumer's fetch (replica id -2) from its own replica, follower
    /// or leader: every partition's two surviving replicas must come to hold the same bytes up to the same high watermark.
    /// </summary>
    private async Task AwaitSurvivorsHoldTheSameBytesAsync(string topic, int partitions)
    {
        var deadline = DateTime.UtcNow + KafkaCluster.Timeout;
        while (true)
        {
            var views = new List<(long HighWatermark, byte[] Bytes)[]>();
            foreach (var node in _cluster.Nodes) views.Add(await ReadOwnReplicasAsync(node, topic, partitions));
            var differing = Enumerable.Range(0, partitions)
                .Where(p => views.Any(v => v[p].HighWatermark != views[0][p].HighWatermark || !v[p].Bytes.AsSpan().SequenceEqual(views[0][p].Bytes)))
                .ToList();
            if (differing.Count == 0) return;
            Assert.True(DateTime.UtcNow < deadline, $"partitions [{string.Join(", ", differing)}] differ between the surviving replicas: high watermarks " +
                string.Join(" / ", views.Select(v => string.Join(",", v.Select(p => p.HighWatermark)))));
            await Task.Delay(100);
        }
    }

    private static async Task<(long HighWatermark, byte[] Bytes)[]> ReadOwnReplicasAsync(KafkaNode node, string topic, int partitions)
    {
        var answers = Assert.Single((await FetchOwnReplicasAsync(node, topic, partitions)).Topics).Partitions.OrderBy(p => p.PartitionIndex).ToList();
        Assert.All(answers, p => Assert.Equal(KafkaErrorCodes.None, p.ErrorCode));
        Assert.All(answers, p => Assert.True(p.HighWatermark > 0, $"partition {p.PartitionIndex} of {node.Broker.NodeId} has a high watermark of {p.HighWatermark}"));
        return [.. answers.Select(p => (p.HighWatermark, p.Records!.SelectMany(b => b.Bytes.ToArray()).ToArray()))];
    }

    private static async Task<FetchResponse> FetchOwnReplicasAsync(KafkaNode node, string topic, int partitions)
    {
        var request = new FetchRequest(FetchRequest.DebuggingConsumerId, 0, 1, 50 << 20, 0, 0, -1,
            [new FetchTopic(topic, [.. Enumerable.Range(0, partitions).Select(p => new FetchPartition(p, -1, 0, -1, -1, 10 << 20))])], [], "");
        var context = new RequestContext(new RequestHeader(1, 12, 1, "replica-check"), null, KafkaCluster.Timeout);
        return (FetchResponse)(await new FetchHandler(node.Broker).HandleAsync(request, context))!;
    }
}
