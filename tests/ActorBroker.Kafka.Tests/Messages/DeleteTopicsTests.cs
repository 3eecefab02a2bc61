using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class DeleteTopicsTests
{
    private static readonly ApiVersionRange Versions = DeleteTopicsRequest.Versions;

    [Fact]
    public void Serves_v0_to_v5_flexible_from_v4()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.DeleteTopics, 0, 5, 4), Versions);
    }

    private static readonly byte[] V0Request = [.. Arr(2), .. Str("a"), .. Str("bé"), .. I32(30_000)]; // topic_names, timeout_ms

    [Fact]
    public void A_v0_request_reads_the_names_and_timeout()
    {
        var request = Codec.Read(DeleteTopicsRequest.Read, Versions, 0, V0Request);
        Assert.Equal(["a", "bé"], request.TopicNames);
        Assert.Equal(30_000, request.TimeoutMs);
    }

    [Fact]
    public void A_flexible_v5_request_reads_compact_names()
    {
        byte[] body = [.. CArr(1), .. CStr("t"), .. I32(5), .. NoTags];
        var request = Codec.Read(DeleteTopicsRequest.Read, Versions, 5, body);
        Assert.Equal(["t"], request.TopicNames);
        Assert.Equal(5, request.TimeoutMs);
    }

    [Fact]
    public void A_truncated_or_null_names_request_throws_a_protocol_error()
    {
        Codec.EveryTruncationThrows(DeleteTopicsRequest.Read, Versions, 0, V0Request);
        Assert.Throws<KafkaProtocolException>(() => Codec.Read(DeleteTopicsRequest.Read, Versions, 0, [.. Arr(-1), .. I32(1)]));
        Assert.Throws<KafkaProtocolException>(() => Codec.Read(DeleteTopicsRequest.Read, Versions, 0, [.. Arr(1), .. Str(null), .. I32(1)]));
    }

    private static readonly DeleteTopicsResponse Response = new([new DeletableTopicResult("a", 0), new DeletableTopicResult("x", 3, "unknown topic")], 7);

    [Fact]
    public void A_v0_response_has_no_throttle_time()
    {
        byte[] expected = [.. Arr(2), .. Str("a"), .. I16(0), .. Str("x"), .. I16(3)];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 0));
    }

    [Fact]
    public void A_flexible_v4_response_has_no_error_message_and_v5_has_one()
    {
        byte[] v4 = [.. I32(7), .. CArr(2), .. CStr("a"), .. I16(0), .. NoTags, .. CStr("x"), .. I16(3), .. NoTags, .. NoTags];
        byte[] v5 =
        [
            .. I32(7),                                          // throttle_time_ms (v1+)
            .. CArr(2),                                         // responses
            .. CStr("a"), .. I16(0), .. CStr(null), .. NoTags,  //   name, error_code, error_message (v5+)
            .. CStr("x"), .. I16(3), .. CStr("unknown topic"), .. NoTags,
            .. NoTags,
        ];
        Assert.Equal(v4, Codec.Write(Response.Write, Versions, 4));
        Assert.Equal(v5, Codec.Write(Response.Write, Versions, 5));
    }
}
