using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class DescribeClusterTests
{
    private static readonly ApiVersionRange Versions = DescribeClusterRequest.Versions;

    [Fact]
    public void Serves_v0_to_v1_both_flexible()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.DescribeCluster, 0, 1, 0), Versions);
    }

    [Fact]
    public void A_v0_request_has_only_the_authorized_operations_flag()
    {
        var request = Codec.Read(DescribeClusterRequest.Read, Versions, 0, [.. Bool(true), .. NoTags]);
        Assert.Equal(new DescribeClusterRequest(true, DescribeClusterRequest.BrokerEndpoints), request);
    }

    [Fact]
    public void A_v1_request_adds_the_endpoint_type_and_skips_tagged_fields()
    {
        byte[] body = [.. Bool(false), .. I8(2), 1, 5, 1, 0xFF]; // include_cluster_authorized_operations, endpoint_type, one tagged field
        Assert.Equal(new DescribeClusterRequest(false, 2), Codec.Read(DescribeClusterRequest.Read, Versions, 1, body));
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(DescribeClusterRequest.Read, Versions, 1, [.. Bool(false), .. I8(1), .. NoTags]);
    }

    private static readonly DescribeClusterResponse Response = new(0, null, "cluster-1", 2,
        [new DescribeClusterBroker(1, "h1", 9092, null), new DescribeClusterBroker(2, "h2", 9093, "r2")]);

    private static byte[] Expected(params byte[][] endpointType) =>
    [
        .. I32(0),                // throttle_time_ms
        .. I16(0),                // error_code
        .. CStr(null),            // error_message
        .. endpointType.SelectMany(b => b),
        .. CStr("cluster-1"),     // cluster_id
        .. I32(2),                // controller_id
        .. CArr(2),               // brokers: broker_id, host, port, rack
        .. I32(1), .. CStr("h1"), .. I32(9092), .. CStr(null), .. NoTags,
        .. I32(2), .. CStr("h2"), .. I32(9093), .. CStr("r2"), .. NoTags,
        .. I32(int.MinValue),     // cluster_authorized_operations: not asked for
        .. NoTags,
    ];

    [Fact]
    public void A_v0_response_is_compact_and_has_no_endpoint_type()
    {
        Assert.Equal(Expected(), Codec.Write(Response.Write, Versions, 0));
    }

    [Fact]
    public void A_v1_response_echoes_the_endpoint_type()
    {
        Assert.Equal(Expected(I8(1)), Codec.Write(Response.Write, Versions, 1));
    }
}
