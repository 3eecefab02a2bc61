using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Records;
using ActorBroker.Kafka.Tests.Records;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using Xunit.Abstractions;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Apis;

/// <summary>
/// The Produce, Fetch and ListOffsets handlers on a live broker node, called with decoded requests: the cases a real
/// client does not send (replica fetches, fetch sessions, transactional ids, two batches, bad acks, size limits).
/// </summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class DataPathHandlerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Topic = "data";
    private KafkaCluster _cluster = null!;
    private int _correlation;

    public async Task InitializeAsync()
    {
        _cluster = await KafkaCluster.StartAsync(output, 1);
        await _cluster.CreateTopicAsync(Topic, partitions: 2, replicationFactor: 1);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private ProduceHandler Produce => new(_cluster.Nodes[0].Broker);

    private FetchHandler Fetch => new(_cluster.Nodes[0].Broker);

    private ListOffsetsHandler ListOffsets => new(_cluster.Nodes[0].Broker);

    [Fact]
    public async Task A_replica_fetch_is_refused_with_cluster_authorization_failed()
    {
        var response = (FetchResponse)(await Fetch.HandleAsync(FetchOf(replicaId: 7, maxWaitMs: 0, (0, 0, 1 << 20)), Context(12)))!;

        Assert.Equal(KafkaErrorCodes.ClusterAuthorizationFailed, response.ErrorCode);
        Assert.Equal(KafkaErrorCodes.ClusterAuthorizationFailed, Assert.Single(Assert.Single(response.Topics).Partitions).ErrorCode);
    }

    [Fact]
    public async Task An_incremental_fetch_of_a_session_is_answered_session_not_found_and_full_fetches_get_session_0()
    {
        var incremental = FetchOf(-1, 0, (0, 0, 1 << 20)) with { SessionId = 42, SessionEpoch = 3 };
        var refused = (FetchResponse)(await Fetch.HandleAsync(incremental, Context(12)))!;
        Assert.Equal(KafkaErrorCodes.FetchSessionIdNotFound, refused.ErrorCode);

        var full = (FetchResponse)(await Fetch.HandleAsync(FetchOf(-1, 0, (0, 0, 1 << 20)) with { SessionEpoch = 0 }, Context(12)))!;
        Assert.Equal((KafkaErrorCodes.None, 0), (full.ErrorCode, full.SessionId));
    }

    [Fact]
    public async Task A_fetch_parked_at_the_end_of_a_partition_is_answered_when_a_record_arrives_not_when_its_wait_ends()
    {
        // max_wait far above the time allowed below: only the produce's wake-up can answer it in time.
        var fetching = Fetch.HandleAsync(FetchOf(-1, maxWaitMs: 25_000, (0, 0, 1 << 20), (1, 0, 1 << 20)), Context(12));
        var produced = (ProduceResponse)(await Produce.HandleAsync(ProduceOf(-1, (0, Batch("woken").Bytes)), Context(9)))!;
        Assert.Equal(0, produced.Topics[0].Partitions[0].ErrorCode);

        var response = (FetchResponse)(await fetching.WaitAsync(TimeSpan.FromSeconds(10)))!;
        var partitions = Assert.Single(response.Topics).Partitions;
        Assert.Equal(("woken", 1L, 1L), (Values(partitions[0].Records!).Single(), partitions[0].HighWatermark, partitions[0].LastStableOffset));
        Assert.Equal((0, 0L), (partitions[1].Records!.Count, partitions[1].HighWatermark));
    }

    [Fact]
    public async Task A_fetch_with_no_data_and_a_short_wait_answers_empty_partitions_with_their_high_watermarks()
    {
        // The fetch below asks partition 1 from offset 1: the record must be stored first (a CI run once fetched while
        // the produce had failed unnoticed, within 10 ms, and got OFFSET_OUT_OF_RANGE).
        await ProduceStoredAsync(1, "x");

        var response = (FetchResponse)(await Fetch.HandleAsync(FetchOf(-1, maxWaitMs: 100, (0, 0, 1 << 20), (1, 1, 1 << 20)), Context(12)))!;

        var partitions = Assert.Single(response.Topics).Partitions;
        Assert.All(partitions, p => Assert.Equal((0, 0), (p.ErrorCode, p.Records!.Count)));
        Assert.Equal([0L, 1L], partitions.Select(p => p.HighWatermark));
    }

    /// <summary>
    /// Produces one record, again while the partition answers that it cannot take it yet (unknown partition, no leader,
    /// not the leader, too few replicas: nothing was stored), as a client retries; any other error fails the test.
    /// </summary>
    private async Task ProduceStoredAsync(int partition, string value)
    {
        short[] notStored = [3, 5, 6, 19];
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var response = (ProduceResponse)(await Produce.HandleAsync(ProduceOf(-1, (partition, Batch(value).Bytes)), Context(9)))!;
            var answer = response.Topics[0].Partitions[0];
            if (answer.ErrorCode == 0) return;
            output.WriteLine($"produce to partition {partition}: Kafka error {answer.ErrorCode} ({answer.ErrorMessage})");
            Assert.True(notStored.Contains(answer.ErrorCode) && DateTime.UtcNow < deadline,
                $"the produce to partition {partition} failed with Kafka error {answer.ErrorCode}: {answer.ErrorMessage}");
            await _cluster.AwaitAsync(() => _cluster.Nodes[0].Broker.Metadata.Current.Topics.TryGetValue(Topic, out var topic)
                && topic.Partitions.All(p => p.Leader is not null), "the topic has leaders");
        }
    }

    [Fact]
    public async Task Max_bytes_keeps_whole_batches_that_fit_but_always_returns_the_first_batch()
    {
        var big = new string('b', 1000);
        for (var i = 0; i < 3; i++) await Produce.HandleAsync(ProduceOf(-1, (0, Batch($"{i}{big}").Bytes)), Context(9));
        await Produce.HandleAsync(ProduceOf(-1, (1, Batch($"p1{big}").Bytes)), Context(9));
        var batchSize = Batch($"0{big}").SizeInBytes;

        var response = (FetchResponse)(await Fetch.HandleAsync(FetchOf(-1, 0, (0, 0, 1 << 20), (1, 0, 1 << 20)) with { MaxBytes = batchSize * 2 + batchSize / 2 }, Context(12)))!;
        var partitions = response.Topics[0].Partitions;
        Assert.Equal([$"0{big}", $"1{big}"], Values(partitions[0].Records!));
        Assert.Empty(partitions[1].Records!);

        var tiny = (FetchResponse)(await Fetch.HandleAsync(FetchOf(-1, 0, (0, 1, 10), (1, 0, 10)) with { MaxBytes = 10 }, Context(12)))!;
        Assert.Equal([$"1{big}"], Values(tiny.Topics[0].Partitions[0].Records!));
        Assert.Empty(tiny.Topics[0].Partitions[1].Records!);
    }

    [Fact]
    public async Task A_partition_that_fails_answers_the_fetch_at_once_instead_of_after_max_wait()
    {
        var epoch = _cluster.Nodes[0].Broker.Metadata.Current.Topics[Topic].Partitions[1].LeaderEpoch;
        var request = FetchOf(-1, maxWaitMs: 25_000, (0, 0, 1 << 20), (1, 0, 1 << 20), (7, 0, 1 << 20));
        request = request with { Topics = [new FetchTopic(Topic, [request.Topics[0].Partitions[0], request.Topics[0].Partitions[1] with { CurrentLeaderEpoch = epoch + 1 }, request.Topics[0].Partitions[2]])] };

        var response = (FetchResponse)(await Fetch.HandleAsync(request, Context(12)).WaitAsync(TimeSpan.FromSeconds(10)))!;

        var partitions = response.Topics[0].Partitions;
        Assert.Equal([0, (short)ErrorCode.UnknownLeaderEpoch, (short)ErrorCode.UnknownTopicOrPartition], partitions.Select(p => p.ErrorCode));
        Assert.All(partitions, p => Assert.Empty(p.Records!));
    }

    [Fact]
    public async Task A_fetch_past_the_end_passes_the_brokers_offset_out_of_range_through()
    {
        var response = (FetchResponse)(await Fetch.HandleAsync(FetchOf(-1, 500, (0, 99, 1 << 20)), Context(12)))!;
        Assert.Equal((short)ErrorCode.OffsetOutOfRange, response.Topics[0].Partitions[0].ErrorCode);
    }

    [Fact]
    public async Task Produce_refuses_a_transactional_id_bad_acks_and_two_batches_per_partition_and_acks_0_gets_no_response()
    {
        var transactional = (ProduceResponse)(await Produce.HandleAsync(ProduceOf(-1, (0, Batch("t").Bytes)) with { TransactionalId = "tx" }, Context(9)))!;
        Assert.Equal(KafkaErrorCodes.TransactionalIdAuthorizationFailed, transactional.Topics[0].Partitions[0].ErrorCode);

        var badAcks = (ProduceResponse)(await Produce.HandleAsync(ProduceOf(2, (0, Batch("a").Bytes)), Context(9)))!;
        Assert.Equal((short)ErrorCode.InvalidRequiredAcks, badAcks.Topics[0].Partitions[0].ErrorCode);

        byte[] two = [.. Batch("a").Bytes.Span, .. Batch("b").Bytes.Span];
        var mixed = (ProduceResponse)(await Produce.HandleAsync(ProduceOf(-1, (0, two), (1, Batch("ok").Bytes)), Context(9)))!;
        Assert.Equal((short)ErrorCode.InvalidRecord, mixed.Topics[0].Partitions[0].ErrorCode);
        Assert.Equal((0, 0L), (mixed.Topics[0].Partitions[1].ErrorCode, mixed.Topics[0].Partitions[1].BaseOffset));

        Assert.Null(await Produce.HandleAsync(ProduceOf(0, (0, Batch("fire").Bytes)), Context(9)));
        await _cluster.AwaitAsync(() => ((FetchResponse)Fetch.HandleAsync(FetchOf(-1, 0, (0, 0, 1 << 20)), Context(12)).Result!).Topics[0].Partitions[0].HighWatermark == 1,
            "the acks=0 record is appended");
    }

    [Fact]
    public async Task List_offsets_answers_earliest_latest_times_and_max_timestamp_with_the_leader_epoch()
    {
        await Produce.HandleAsync(ProduceOf(-1, (0, Batch("a", "b").Bytes)), Context(9));
        var epoch = _cluster.Nodes[0].Broker.Metadata.Current.Topics[Topic].Partitions[0].LeaderEpoch;

        var request = new ListOffsetsRequest(-1, 1, [new ListOffsetsTopic(Topic,
            [new ListOffsetsPartition(0, -1, ListOffsetsPartition.Earliest), new ListOffsetsPartition(0, -1, ListOffsetsPartition.Latest),
             new ListOffsetsPartition(0, -1, 1_700_000_000_000), new ListOffsetsPartition(0, -1, ListOffsetsPartition.MaxTimestamp)])]);
        var response = (ListOffsetsResponse)(await ListOffsets.HandleAsync(request, Context(7)))!;

        var answers = response.Topics[0].Partitions;
        Assert.Equal(new ListOffsetsPartitionResponse(0, 0, -1, 0, epoch), answers[0]);
        Assert.Equal(new ListOffsetsPartitionResponse(0, 0, -1, 2, epoch), answers[1]);
        Assert.Equal(new ListOffsetsPartitionResponse(0, 0, 1_700_000_000_000, 0, epoch), answers[2]);
        Assert.Equal(new ListOffsetsPartitionResponse(0, 0, 1_700_000_000_000, 0, epoch), answers[3]); // both records share the largest
    }

    /// <summary>
    /// The codecs librdkafka does not send here: lz4 (it ties lz4 to group APIs, not advertised) and snappy in
    /// snappy-java's framing (Kafka's Java client's), built as those producers frame them.
    /// </summary>
    [Theory]
    [InlineData(KafkaCompression.Lz4)]
    [InlineData(KafkaCompression.Snappy)]
    public async Task A_compressed_batch_a_librdkafka_producer_does_not_send_is_stored_uncompressed_and_fetched_back(KafkaCompression codec)
    {
        var plain = Batch("one", "two", new string('c', 500));
        var produced = (ProduceResponse)(await Produce.HandleAsync(ProduceOf(-1, (0, CompressedBatches.Framed(plain, codec).Bytes)), Context(9)))!;
        Assert.Equal((0, 0L), (produced.Topics[0].Partitions[0].ErrorCode, produced.Topics[0].Partitions[0].BaseOffset));

        var fetched = (FetchResponse)(await Fetch.HandleAsync(FetchOf(-1, maxWaitMs: 0, (0, 0, 1 << 20)), Context(12)))!;
        var records = Assert.Single(fetched.Topics).Partitions[0].Records!;
        Assert.Equal(KafkaCompression.None, Assert.Single(records).Compression());
        Assert.Equal(["one", "two", new string('c', 500)], Values(records));
    }

    [Fact]
    public async Task A_damaged_lz4_batch_is_answered_corrupt_message_for_its_partition_and_the_other_partition_is_stored()
    {
        var damaged = CompressedBatches.Framed(Batch("a", "b"), KafkaCompression.Lz4).Bytes.ToArray();
        damaged[RecordBatch.HeaderSize] ^= 0xFF; // the LZ4 frame's magic
        var produced = (ProduceResponse)(await Produce.HandleAsync(
            ProduceOf(-1, (0, CompressedBatches.Recrc(damaged).Bytes), (1, CompressedBatches.Framed(Batch("fine"), KafkaCompression.Lz4).Bytes)), Context(9)))!;

        var answers = produced.Topics[0].Partitions;
        Assert.Equal((short)ErrorCode.CorruptMessage, answers[0].ErrorCode);
        Assert.Contains("Lz4", answers[0].ErrorMessage);
        Assert.Equal((0, 0L), (answers[1].ErrorCode, answers[1].BaseOffset));
    }

    private RequestContext Context(short version) => new(new RequestHeader(0, version, Interlocked.Increment(ref _correlation), "test"), null, TimeSpan.FromSeconds(30));

    private static ProduceRequest ProduceOf(short acks, params (int Partition, ReadOnlyMemory<byte> Records)[] partitions) =>
        new(null, acks, 10_000, [new ProduceTopicData(Topic, [.. partitions.Select(p => new ProducePartitionData(p.Partition, p.Records))])]);

    private static FetchRequest FetchOf(int replicaId, int maxWaitMs, params (int Partition, long Offset, int MaxBytes)[] partitions) =>
        new(replicaId, maxWaitMs, 1, 50 << 20, 0, 0, -1,
            [new FetchTopic(Topic, [.. partitions.Select(p => new FetchPartition(p.Partition, -1, p.Offset, -1, -1, p.MaxBytes))])], [], "");

    private static List<string> Values(IReadOnlyList<RecordBatch> batches)
    {
        var values = new List<string>();
        foreach (var batch in batches)
        foreach (var record in batch.Records)
            values.Add(System.Text.Encoding.UTF8.GetString(record.Value!.Value.Span));
        return values;
    }
}
