using System.Buffers.Binary;
using Akka.Actor;
using ActorBroker.Broker.Partitions;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorBroker.Broker.Tests.MultiNode;

/// <summary>
/// Broker nodes running the real replicated partition logs, with replication timings scaled down. Records carry a
/// number as their value, so a test can tell exactly which acknowledged records a partition still has.
/// </summary>
public abstract class ReplicationTestBase(ITestOutputHelper output, string? config = null) : BrokerClusterTestBase(output, $$"""
    actorbroker.broker.partition {
      replica-lag-time-max = 1s
      replica-fetch-wait-max = 100ms
      replica-fetch-backoff = 100ms
      replica-fetch-response-timeout = 1s
    }
    {{config}}
    """)
{
    protected override bool RealPartitions => true;

    protected static readonly Dictionary<string, string> MinInsync2 = new() { ["min.insync.replicas"] = "2" };

    /// <summary>Creates the topic and waits until every node's metadata has it.</summary>
    protected async Task<Broker.Metadata.TopicImage> CreateReplicatedTopicAsync(IReadOnlyList<ActorSystem> nodes, string name, int partitions, short replicationFactor,
        IReadOnlyDictionary<string, string>? configs = null)
    {
        AssertOk(await CreateTopicAsync(nodes[0], name, partitions, replicationFactor, configs));
        return (await AwaitConvergedAsync(nodes, i => i.Topics.ContainsKey(name), $"every node has topic {name}")).Topics[name];
    }

    protected static RecordBatch Numbered(int number)
    {
        var value = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(value, number);
        using var builder = new RecordBatchBuilder();
        builder.TryAppend(1_700_000_000_000 + number, null, value);
        return builder.Build();
    }

    /// <summary>
    /// Produces record <paramref name="number"/> through the first live node's front, retrying retriable errors (the
    /// leader may be moving) until it is acknowledged or <paramref name="attempts"/> run out. True when acknowledged.
    /// </summary>
    protected async Task<bool> ProduceNumberAsync(Func<IReadOnlyList<ActorSystem>> liveNodes, TopicPartition partition, int number, Acks acks = Acks.All, int attempts = 60)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var node = liveNodes()[attempt % liveNodes().Count];
            ProduceResponse response;
            try
            {
                response = await Brokers[node].Front.Ask<ProduceResponse>(new ProduceRequest(partition, acks, 2_000, Numbered(number), NextCorrelationId()), TimeSpan.FromSeconds(3));
            }
            catch (AskTimeoutException)
            {
                continue;
            }

            if (response.Error == ErrorCode.None) return true;
            if (!response.Error.IsRetriable()) throw new InvalidOperationException($"record {number}: {response.Error}: {response.ErrorMessage}");
            await Task.Delay(50); // a retry backoff, as a producer's retry.backoff.ms
        }

        return false;
    }

    /// <summary>
    /// One produce request's answer, sent again when none comes, as a producer retries a request that timed out: while
    /// Akka's shard region hands a shard over it drops the messages it buffered for it ("Dropping buffered messages to
    /// shard ... during hand off"), so a request can go unanswered although the partition works. Each attempt waits
    /// 10 s, past Akka's 5 s hand-off timeout, so an attempt is not still under way when the next is sent.
    /// </summary>
    protected async Task<ProduceResponse> ProduceAnsweredAsync(ActorSystem node, ProduceRequest request, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await Brokers[node].Front.Ask<ProduceResponse>(request, TimeSpan.FromSeconds(10));
            }
            catch (AskTimeoutException) when (attempt < attempts)
            {
            }
        }
    }

    /// <summary>Every record number of the partition, in offset order, read from its leader through <paramref name="node"/>'s front.</summary>
    protected async Task<List<int>> ReadAllAsync(ActorSystem node, TopicPartition partition)
    {
        var numbers = new List<int>();
        var offset = 0L;
        var retries = 0;
        for (var round = 0; round < 10_000; round++)
        {
            var response = await AskFrontAsync<FetchResponse>(node, new FetchRequest(partition, offset, 1 << 20, 0, 0, -1, null, NextCorrelationId()));
            // As a consumer does: right after a leader change the partition's entity may not have moved to the new leader yet.
            if (response.Error.IsRetriable() && ++retries < 600)
            {
                await Task.Delay(50); // a retry backoff, as a consumer's retry.backoff.ms
                continue;
            }

            Assert.True(response.Error == ErrorCode.None, $"fetch at {offset}: {response.Error}: {response.ErrorMessage}");
            foreach (var batch in response.Batches)
            {
                foreach (var record in batch.Records)
                {
                    if (record.Offset >= offset) numbers.Add(BinaryPrimitives.ReadInt32BigEndian(record.Value!.Value.Span));
                }

                offset = Math.Max(offset, batch.NextOffset);
            }

            if (offset >= response.HighWatermark) return numbers;
        }

        throw new InvalidOperationException("the partition never ended");
    }

    /// <summary>
    /// <see cref="ReadAllAsync"/> until at least <paramref name="count"/> distinct records are readable. Right after an
    /// election the new leader's high watermark can trail records the old one acknowledged, until its followers fetch.
    /// </summary>
    protected async Task<List<int>> ReadOnceVisibleAsync(ActorSystem node, TopicPartition partition, int count)
    {
        var read = new List<int>();
        await AwaitAssertAsync(async () =>
        {
            read = await ReadAllAsync(node, partition);
            Assert.True(read.Distinct().Count() >= count, $"{read.Distinct().Count()} of {count} records readable so far");
        }, Long, TimeSpan.FromMilliseconds(50));
        return read;
    }

    /// <summary>The record batches a node's replica journaled, including any a later truncation cut off.</summary>
    protected Task<List<RecordBatch>> StoredBatchesAsync(Guid topicId, TopicPartition partition, ActorSystem node) =>
        ReadReplicaJournalAsync(topicId, partition, node, applyTruncations: false);

    /// <summary>The batches a replica's log holds now: its journal's batches with its truncation markers applied.</summary>
    protected Task<List<RecordBatch>> LiveBatchesAsync(Guid topicId, TopicPartition partition, ActorSystem node) =>
        ReadReplicaJournalAsync(topicId, partition, node, applyTruncations: true);

    // The node id in the persistence id keeps the replicas apart in the shared journal; the node's own journal reads it.
    private async Task<List<RecordBatch>> ReadReplicaJournalAsync(Guid topicId, TopicPartition partition, ActorSystem node, bool applyTruncations)
    {
        var batches = new List<RecordBatch>();
        var pid = PartitionActor.PersistenceIdOf(topicId, partition, NodeIdOf(node));
        foreach (var repr in await new JournalAccess(node, CreateTestProbe(node)).ReplayAsync(pid))
        {
            switch (repr.Payload)
            {
                case RecordBatch batch:
                    batches.Add(batch);
                    break;
                case LogTruncated truncated when applyTruncations:
                    batches.RemoveAll(b => b.NextOffset > truncated.Offset);
                    break;
            }
        }

        return batches;
    }

    /// <summary>
    /// The record numbers read, each at its first appearance, are <paramref name="expected"/> in order. A retry after a
    /// lost or late answer may store a record twice (there is no idempotent producer), never out of order.
    /// </summary>
    protected static void AssertInOrderOnce(IEnumerable<int> expected, IReadOnlyList<int> read) => Assert.Equal(expected, read.Distinct());

    protected ActorSystem NodeById(IEnumerable<ActorSystem> nodes, string id) => nodes.Single(n => NodeIdOf(n) == id);
}
