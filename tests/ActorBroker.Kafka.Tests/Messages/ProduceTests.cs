using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class ProduceTests
{
    private static readonly ApiVersionRange Versions = ProduceRequest.Versions;

    [Fact]
    public void Serves_v3_to_v9_flexible_from_v9()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.Produce, 3, 9, 9), Versions);
    }

    private static byte[] V3Request(byte[] records) =>
    [
        .. Str(null),         // transactional_id
        .. I16(-1),           // acks
        .. I32(30_000),       // timeout_ms
        .. Arr(1),            // topic_data
        .. Str("orders"),     //   name
        .. Arr(2),            //   partition_data
        .. I32(0),            //     index
        .. Blob(records),     //     records
        .. I32(3),            //     index
        .. Blob(null),        //     records: null
    ];

    [Fact]
    public void A_v3_request_reads_every_field_and_owns_a_copy_of_its_records()
    {
        var batch = Batch("a", "b").Bytes.ToArray();
        var body = V3Request(batch);

        var request = Codec.Read(ProduceRequest.Read, Versions, 3, body);
        Array.Clear(body); // the listener reuses its receive buffer for the next request

        Assert.Null(request.TransactionalId);
        Assert.Equal(-1, request.Acks);
        Assert.Equal(30_000, request.TimeoutMs);
        var topic = Assert.Single(request.Topics);
        Assert.Equal("orders", topic.Name);
        Assert.Equal(2, topic.Partitions.Count);
        Assert.Equal(0, topic.Partitions[0].Index);
        Assert.Equal(batch, topic.Partitions[0].Records!.Value.ToArray());
        Assert.Equal(3, topic.Partitions[1].Index);
        Assert.Null(topic.Partitions[1].Records);
    }

    private static byte[] V9Request(byte[] records) =>
    [
        .. CStr("tx-1"),          // transactional_id
        .. I16(1),                // acks
        .. I32(5_000),            // timeout_ms
        .. CArr(1),               // topic_data
        .. CStr("t"),             //   name
        .. CArr(1),               //   partition_data
        .. I32(7),                //     index
        .. CBlob(records),        //     records
        1, 9, 2, 0xAA, 0xBB,      //     tagged fields: one unknown field, tag 9, 2 bytes
        .. NoTags,                //   topic's tagged fields
        .. NoTags,                // request's tagged fields
    ];

    [Fact]
    public void A_flexible_v9_request_reads_compact_fields_and_skips_tagged_ones()
    {
        var batch = Batch("x").Bytes.ToArray();

        var request = Codec.Read(ProduceRequest.Read, Versions, 9, V9Request(batch));

        Assert.Equal("tx-1", request.TransactionalId);
        Assert.Equal(1, request.Acks);
        Assert.Equal(5_000, request.TimeoutMs);
        var partition = Assert.Single(Assert.Single(request.Topics).Partitions);
        Assert.Equal(7, partition.Index);
        Assert.Equal(batch, partition.Records!.Value.ToArray());
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(ProduceRequest.Read, Versions, 3, V3Request(Batch("a").Bytes.ToArray()));
        Codec.EveryTruncationThrows(ProduceRequest.Read, Versions, 9, V9Request(Batch("a").Bytes.ToArray()));
    }

    [Fact]
    public void A_forged_records_length_throws_a_protocol_error()
    {
        byte[] body = [.. Str(null), .. I16(1), .. I32(0), .. Arr(1), .. Str("t"), .. Arr(1), .. I32(0), .. I32(1_000_000), 1, 2, 3];
        Assert.Throws<KafkaProtocolException>(() => Codec.Read(ProduceRequest.Read, Versions, 3, body));
    }

    [Fact]
    public void A_null_topic_array_throws_a_protocol_error()
    {
        byte[] body = [.. Str(null), .. I16(1), .. I32(0), .. Arr(-1)];
        Assert.Throws<KafkaProtocolException>(() => Codec.Read(ProduceRequest.Read, Versions, 3, body));
    }

    private static readonly ProduceResponse Response = new(
        [new ProduceTopicResponse("orders", [new ProducePartitionResponse(2, 0, 41, LogAppendTimeMs: -1, LogStartOffset: 5)])],
        ThrottleTimeMs: 9);

    [Fact]
    public void A_v3_response_has_no_log_start_offset_nor_record_errors()
    {
        byte[] expected =
        [
            .. Arr(1),          // responses
            .. Str("orders"),   //   name
            .. Arr(1),          //   partition_responses
            .. I32(2),          //     index
            .. I16(0),          //     error_code
            .. I64(41),         //     base_offset
            .. I64(-1),         //     log_append_time_ms (v2+)
            .. I32(9),          // throttle_time_ms
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 3));
    }

    [Fact]
    public void A_v8_response_adds_the_log_start_offset_and_error_details()
    {
        var response = new ProduceResponse(
        [
            new ProduceTopicResponse("t",
            [
                new ProducePartitionResponse(0, 87, -1, -1, 3, [new ProduceRecordError(4, "bad key")], "batch dropped"),
                new ProducePartitionResponse(1, 0, 10, -1, 0),
            ]),
        ]);
        byte[] expected =
        [
            .. Arr(1), .. Str("t"), .. Arr(2),
            .. I32(0), .. I16(87), .. I64(-1), .. I64(-1),
            .. I64(3),                           // log_start_offset (v5+)
            .. Arr(1), .. I32(4), .. Str("bad key"), // record_errors (v8+): batch_index, batch_index_error_message
            .. Str("batch dropped"),             // error_message (v8+)
            .. I32(1), .. I16(0), .. I64(10), .. I64(-1), .. I64(0),
            .. Arr(0),                           // record_errors: none
            .. Str(null),                        // error_message: null
            .. I32(0),                           // throttle_time_ms
        ];
        Assert.Equal(expected, Codec.Write(response.Write, Versions, 8));
    }

    [Fact]
    public void A_flexible_v9_response_uses_compact_encodings_and_tagged_fields()
    {
        byte[] expected =
        [
            .. CArr(1), .. CStr("orders"), .. CArr(1),
            .. I32(2), .. I16(0), .. I64(41), .. I64(-1), .. I64(5),
            .. CArr(0),       // record_errors
            .. CStr(null),    // error_message
            .. NoTags,        // partition
            .. NoTags,        // topic
            .. I32(9),        // throttle_time_ms
            .. NoTags,        // response
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 9));
    }
}
