using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class ListOffsetsTests
{
    private static readonly ApiVersionRange Versions = ListOffsetsRequest.Versions;

    [Fact]
    public void Serves_v1_to_v7_flexible_from_v6()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.ListOffsets, 1, 7, 6), Versions);
    }

    private static readonly byte[] V1Request =
    [
        .. I32(-1),           // replica_id
        .. Arr(1),            // topics
        .. Str("orders"),     //   name
        .. Arr(2),            //   partitions
        .. I32(0),            //     partition_index
        .. I64(-2),           //     timestamp: earliest
        .. I32(1),            //     partition_index
        .. I64(1_700_000_000_000), // timestamp
    ];

    [Fact]
    public void A_v1_request_has_neither_isolation_level_nor_leader_epochs()
    {
        var request = Codec.Read(ListOffsetsRequest.Read, Versions, 1, V1Request);

        Assert.Equal(-1, request.ReplicaId);
        Assert.Equal(0, request.IsolationLevel);
        var topic = Assert.Single(request.Topics);
        Assert.Equal("orders", topic.Name);
        Assert.Equal(
            [new ListOffsetsPartition(0, -1, ListOffsetsPartition.Earliest), new ListOffsetsPartition(1, -1, 1_700_000_000_000)],
            topic.Partitions);
    }

    [Fact]
    public void A_flexible_v7_request_reads_the_isolation_level_and_current_leader_epoch()
    {
        byte[] body =
        [
            .. I32(-1),           // replica_id
            .. I8(1),             // isolation_level (v2+)
            .. CArr(1), .. CStr("t"), .. CArr(1),
            .. I32(3),            //     partition_index
            .. I32(8),            //     current_leader_epoch (v4+)
            .. I64(-3),           //     timestamp: max timestamp (v7+)
            .. NoTags, .. NoTags, .. NoTags,
        ];

        var request = Codec.Read(ListOffsetsRequest.Read, Versions, 7, body);

        Assert.Equal(1, request.IsolationLevel);
        Assert.Equal(new ListOffsetsPartition(3, 8, ListOffsetsPartition.MaxTimestamp), Assert.Single(Assert.Single(request.Topics).Partitions));
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(ListOffsetsRequest.Read, Versions, 1, V1Request);
    }

    private static readonly ListOffsetsResponse Response = new(
        [new ListOffsetsTopicResponse("orders", [new ListOffsetsPartitionResponse(0, 0, -1, 42, LeaderEpoch: 3)])],
        ThrottleTimeMs: 4);

    [Fact]
    public void A_v1_response_has_no_throttle_time_nor_leader_epoch()
    {
        byte[] expected =
        [
            .. Arr(1), .. Str("orders"), .. Arr(1),
            .. I32(0),            // partition_index
            .. I16(0),            // error_code
            .. I64(-1),           // timestamp (v1+)
            .. I64(42),           // offset (v1+)
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 1));
    }

    [Fact]
    public void A_flexible_v7_response_has_the_throttle_time_and_leader_epoch()
    {
        byte[] expected =
        [
            .. I32(4),            // throttle_time_ms (v2+)
            .. CArr(1), .. CStr("orders"), .. CArr(1),
            .. I32(0), .. I16(0), .. I64(-1), .. I64(42),
            .. I32(3),            // leader_epoch (v4+)
            .. NoTags, .. NoTags, .. NoTags,
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 7));
    }
}
