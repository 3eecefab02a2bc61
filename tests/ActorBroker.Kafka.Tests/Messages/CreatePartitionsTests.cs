using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class CreatePartitionsTests
{
    private static readonly ApiVersionRange Versions = CreatePartitionsRequest.Versions;

    [Fact]
    public void Serves_v0_to_v3_flexible_from_v2()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.CreatePartitions, 0, 3, 2), Versions);
    }

    private static readonly byte[] V0Request =
    [
        .. Arr(2),            // topics
        .. Str("a"),          //   name
        .. I32(6),            //   count
        .. Arr(-1),           //   assignments: null, the broker places the new partitions
        .. Str("b"),          //   name
        .. I32(3),            //   count
        .. Arr(1),            //   assignments
        .. Arr(2), .. I32(1), .. I32(2), // broker_ids
        .. I32(10_000),       // timeout_ms
        .. Bool(true),        // validate_only
    ];

    [Fact]
    public void A_v0_request_reads_null_and_explicit_assignments()
    {
        var request = Codec.Read(CreatePartitionsRequest.Read, Versions, 0, V0Request);

        Assert.Equal(10_000, request.TimeoutMs);
        Assert.True(request.ValidateOnly);
        Assert.Equal(("a", 6), (request.Topics[0].Name, request.Topics[0].Count));
        Assert.Null(request.Topics[0].Assignments);
        Assert.Equal(("b", 3), (request.Topics[1].Name, request.Topics[1].Count));
        Assert.Equal([1, 2], Assert.Single(request.Topics[1].Assignments!).BrokerIds);
    }

    [Fact]
    public void A_flexible_v3_request_reads_compact_fields()
    {
        byte[] body =
        [
            .. CArr(1), .. CStr("t"), .. I32(4),
            .. CArr(1), .. CArr(1), .. I32(9), .. NoTags, // assignments: broker_ids [9]
            .. NoTags,
            .. I32(1), .. Bool(false), .. NoTags,
        ];

        var request = Codec.Read(CreatePartitionsRequest.Read, Versions, 3, body);

        var topic = Assert.Single(request.Topics);
        Assert.Equal(("t", 4), (topic.Name, topic.Count));
        Assert.Equal([9], Assert.Single(topic.Assignments!).BrokerIds);
        Assert.False(request.ValidateOnly);
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(CreatePartitionsRequest.Read, Versions, 0, V0Request);
    }

    private static readonly CreatePartitionsResponse Response = new([new CreatePartitionsTopicResult("a", 0), new CreatePartitionsTopicResult("b", 37, "fewer")], 2);

    [Fact]
    public void A_v0_response_has_throttle_time_and_nullable_error_messages()
    {
        byte[] expected = [.. I32(2), .. Arr(2), .. Str("a"), .. I16(0), .. Str(null), .. Str("b"), .. I16(37), .. Str("fewer")];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 0));
    }

    [Fact]
    public void A_flexible_v3_response_uses_compact_encodings()
    {
        byte[] expected = [.. I32(2), .. CArr(2), .. CStr("a"), .. I16(0), .. CStr(null), .. NoTags, .. CStr("b"), .. I16(37), .. CStr("fewer"), .. NoTags, .. NoTags];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 3));
    }
}
