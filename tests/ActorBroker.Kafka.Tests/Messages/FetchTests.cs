using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class FetchTests
{
    private static readonly ApiVersionRange Versions = FetchRequest.Versions;

    [Fact]
    public void Serves_v4_to_v12_flexible_from_v12()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.Fetch, 4, 12, 12), Versions);
    }

    private static readonly byte[] V4Request =
    [
        .. I32(-1),           // replica_id
        .. I32(500),          // max_wait_ms
        .. I32(1),            // min_bytes
        .. I32(52_428_800),   // max_bytes (v3+)
        .. I8(1),             // isolation_level (v4+)
        .. Arr(1),            // topics
        .. Str("orders"),     //   topic
        .. Arr(2),            //   partitions
        .. I32(0),            //     partition
        .. I64(100),          //     fetch_offset
        .. I32(1_048_576),    //     partition_max_bytes
        .. I32(1),            //     partition
        .. I64(7),            //     fetch_offset
        .. I32(65_536),       //     partition_max_bytes
    ];

    [Fact]
    public void A_v4_request_reads_every_field_and_defaults_the_later_ones()
    {
        var request = Codec.Read(FetchRequest.Read, Versions, 4, V4Request);

        Assert.Equal(-1, request.ReplicaId);
        Assert.Equal(500, request.MaxWaitMs);
        Assert.Equal(1, request.MinBytes);
        Assert.Equal(52_428_800, request.MaxBytes);
        Assert.Equal(1, request.IsolationLevel);
        Assert.Equal(0, request.SessionId);
        Assert.Equal(-1, request.SessionEpoch);
        Assert.Empty(request.ForgottenTopics);
        Assert.Equal("", request.RackId);
        var topic = Assert.Single(request.Topics);
        Assert.Equal("orders", topic.Topic);
        Assert.Equal([new FetchPartition(0, -1, 100, -1, -1, 1_048_576), new FetchPartition(1, -1, 7, -1, -1, 65_536)], topic.Partitions);
    }

    private static readonly byte[] V12Request =
        [
            .. I32(-1), .. I32(100), .. I32(1), .. I32(1_000), .. I8(0),
            .. I32(77),               // session_id (v7+)
            .. I32(3),                // session_epoch (v7+)
            .. CArr(1),               // topics
            .. CStr("t"),             //   topic
            .. CArr(1),               //   partitions
            .. I32(2),                //     partition
            .. I32(5),                //     current_leader_epoch (v9+)
            .. I64(40),               //     fetch_offset
            .. I32(4),                //     last_fetched_epoch (v12+)
            .. I64(10),               //     log_start_offset (v5+)
            .. I32(4_096),            //     partition_max_bytes
            .. NoTags, .. NoTags,
            .. CArr(1),               // forgotten_topics_data (v7+)
            .. CStr("gone"),          //   topic
            .. CArr(2), .. I32(0), .. I32(1), // partitions
            .. NoTags,
            .. CStr("rack-a"),        // rack_id (v11+)
            1, 0, 3, 3, (byte)'c', (byte)'1', // tagged fields: cluster_id (tag 0), 3 bytes, compact string "c1"
        ];

    [Fact]
    public void A_flexible_v12_request_reads_sessions_epochs_forgotten_topics_and_the_rack_and_skips_the_cluster_id()
    {
        var request = Codec.Read(FetchRequest.Read, Versions, 12, V12Request);

        Assert.Equal(77, request.SessionId);
        Assert.Equal(3, request.SessionEpoch);
        Assert.Equal(new FetchPartition(2, 5, 40, 4, 10, 4_096), Assert.Single(Assert.Single(request.Topics).Partitions));
        var forgotten = Assert.Single(request.ForgottenTopics);
        Assert.Equal("gone", forgotten.Topic);
        Assert.Equal([0, 1], forgotten.Partitions);
        Assert.Equal("rack-a", request.RackId);
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(FetchRequest.Read, Versions, 4, V4Request);
        Codec.EveryTruncationThrows(FetchRequest.Read, Versions, 12, V12Request);
    }

    [Fact]
    public void A_forged_partition_count_throws_before_allocating()
    {
        byte[] body = [.. I32(-1), .. I32(0), .. I32(1), .. I32(1), .. I8(0), .. Arr(1), .. Str("t"), .. Arr(int.MaxValue)];
        Assert.Throws<KafkaProtocolException>(() => Codec.Read(FetchRequest.Read, Versions, 4, body));
    }

    [Fact]
    public void A_v4_response_writes_the_record_set_as_its_batches_back_to_back()
    {
        var first = Batch("a", "b");
        var second = Batch("c");
        var response = new FetchResponse(0, 0,
        [
            new FetchTopicResponse("orders",
            [
                new FetchPartitionResponse(0, 0, HighWatermark: 3, LastStableOffset: 3, LogStartOffset: 0, Records: [first, second]),
                new FetchPartitionResponse(1, 6, -1, -1, -1, Records: null, AbortedTransactions: []),
            ]),
        ], ThrottleTimeMs: 2);

        byte[] expected =
        [
            .. I32(2),            // throttle_time_ms (v1+)
            .. Arr(1),            // responses
            .. Str("orders"),     //   topic
            .. Arr(2),            //   partitions
            .. I32(0),            //     partition_index
            .. I16(0),            //     error_code
            .. I64(3),            //     high_watermark
            .. I64(3),            //     last_stable_offset (v4+)
            .. Arr(-1),           //     aborted_transactions (v4+): null
            .. Blob([.. first.Bytes.Span, .. second.Bytes.Span]), // records
            .. I32(1), .. I16(6), .. I64(-1), .. I64(-1),
            .. Arr(0),            //     aborted_transactions: empty
            .. Blob(null),        //     records: null
        ];
        Assert.Equal(expected, Codec.Write(response.Write, Versions, 4));
        Assert.Equal(first.SizeInBytes + second.SizeInBytes, response.RecordBytes());
    }

    [Fact]
    public void A_flexible_v12_response_has_the_session_log_start_preferred_replica_and_compact_records()
    {
        var batch = Batch("v");
        var response = new FetchResponse(0, 77,
        [
            new FetchTopicResponse("t",
            [
                new FetchPartitionResponse(2, 0, 9, 9, 1, [batch], [new FetchAbortedTransaction(5, 6)], PreferredReadReplica: -1),
            ]),
        ]);

        byte[] expected =
        [
            .. I32(0),            // throttle_time_ms
            .. I16(0),            // error_code (v7+)
            .. I32(77),           // session_id (v7+)
            .. CArr(1), .. CStr("t"), .. CArr(1),
            .. I32(2), .. I16(0), .. I64(9), .. I64(9),
            .. I64(1),            //     log_start_offset (v5+)
            .. CArr(1), .. I64(5), .. I64(6), .. NoTags, // aborted_transactions: producer_id, first_offset
            .. I32(-1),           //     preferred_read_replica (v11+)
            .. CBlob(batch.Bytes.ToArray()), // records
            .. NoTags,            //     partition: no diverging_epoch, current_leader nor snapshot_id
            .. NoTags,            //   topic
            .. NoTags,            // response
        ];
        Assert.Equal(expected, Codec.Write(response.Write, Versions, 12));
    }
}
