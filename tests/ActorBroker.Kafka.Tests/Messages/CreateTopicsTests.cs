using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Messages;

public class CreateTopicsTests
{
    private static readonly ApiVersionRange Versions = CreateTopicsRequest.Versions;

    [Fact]
    public void Serves_v0_to_v7_flexible_from_v5()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.CreateTopics, 0, 7, 5), Versions);
    }

    private static readonly byte[] V0Request =
    [
        .. Arr(2),            // topics
        .. Str("a"),          //   name
        .. I32(3),            //   num_partitions
        .. I16(2),            //   replication_factor
        .. Arr(0),            //   assignments
        .. Arr(2),            //   configs
        .. Str("cleanup.policy"), .. Str("compact"),   // name, value
        .. Str("retention.ms"), .. Str(null),          // name, value: null
        .. Str("b"),          //   name
        .. I32(-1),           //   num_partitions: by assignments
        .. I16(-1),           //   replication_factor
        .. Arr(1),            //   assignments
        .. I32(0),            //     partition_index
        .. Arr(2), .. I32(1), .. I32(2), // broker_ids
        .. Arr(0),            //   configs
        .. I32(60_000),       // timeout_ms
    ];

    [Fact]
    public void A_v0_request_reads_topics_assignments_and_configs_without_validate_only()
    {
        var request = Codec.Read(CreateTopicsRequest.Read, Versions, 0, V0Request);

        Assert.Equal(60_000, request.TimeoutMs);
        Assert.False(request.ValidateOnly);
        Assert.Equal(2, request.Topics.Count);
        var a = request.Topics[0];
        Assert.Equal(("a", 3, (short)2), (a.Name, a.NumPartitions, a.ReplicationFactor));
        Assert.Empty(a.Assignments);
        Assert.Equal([new CreatableTopicConfig("cleanup.policy", "compact"), new CreatableTopicConfig("retention.ms", null)], a.Configs);
        var b = request.Topics[1];
        Assert.Equal(("b", -1, (short)-1), (b.Name, b.NumPartitions, b.ReplicationFactor));
        var assignment = Assert.Single(b.Assignments);
        Assert.Equal(0, assignment.PartitionIndex);
        Assert.Equal([1, 2], assignment.BrokerIds);
        Assert.Empty(b.Configs);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public void A_flexible_request_reads_compact_fields_and_validate_only(short version)
    {
        byte[] body =
        [
            .. CArr(1), .. CStr("t"), .. I32(1), .. I16(3),
            .. CArr(0),                       // assignments
            .. CArr(1), .. CStr("k"), .. CStr("v"), .. NoTags, // configs
            .. NoTags,
            .. I32(1_000),                    // timeout_ms
            .. Bool(true),                    // validate_only (v1+)
            .. NoTags,
        ];

        var request = Codec.Read(CreateTopicsRequest.Read, Versions, version, body);

        Assert.True(request.ValidateOnly);
        Assert.Equal(1_000, request.TimeoutMs);
        var topic = Assert.Single(request.Topics);
        Assert.Equal(("t", 1, (short)3), (topic.Name, topic.NumPartitions, topic.ReplicationFactor));
        Assert.Equal(new CreatableTopicConfig("k", "v"), Assert.Single(topic.Configs));
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(CreateTopicsRequest.Read, Versions, 0, V0Request);
    }

    private static readonly Guid TopicId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    private static readonly CreateTopicsResponse Response = new(
    [
        new CreatableTopicResult("t", TopicId, 0, null, 3, 2, [new CreatableTopicConfigResult("cleanup.policy", "delete", false, 5, false)]),
        new CreatableTopicResult("dup", Guid.Empty, 36, "already exists"),
    ], ThrottleTimeMs: 1);

    [Fact]
    public void A_v0_response_has_only_names_and_error_codes()
    {
        byte[] expected = [.. Arr(2), .. Str("t"), .. I16(0), .. Str("dup"), .. I16(36)];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 0));
    }

    [Fact]
    public void A_v1_response_adds_the_error_message()
    {
        byte[] expected = [.. Arr(2), .. Str("t"), .. I16(0), .. Str(null), .. Str("dup"), .. I16(36), .. Str("already exists")];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 1));
    }

    [Fact]
    public void A_flexible_v7_response_has_the_topic_id_partitions_replication_and_configs()
    {
        byte[] expected =
        [
            .. I32(1),            // throttle_time_ms (v2+)
            .. CArr(2),
            .. CStr("t"),         //   name
            .. Uuid(TopicId),     //   topic_id (v7+)
            .. I16(0),            //   error_code
            .. CStr(null),        //   error_message
            .. I32(3),            //   num_partitions (v5+)
            .. I16(2),            //   replication_factor (v5+)
            .. CArr(1),           //   configs (v5+)
            .. CStr("cleanup.policy"), .. CStr("delete"),
            .. Bool(false),       //     read_only
            .. I8(5),             //     config_source: default
            .. Bool(false),       //     is_sensitive
            .. NoTags,
            .. NoTags,            //   no topic_config_error_code
            .. CStr("dup"), .. Uuid(Guid.Empty), .. I16(36), .. CStr("already exists"),
            .. I32(-1), .. I16(-1),
            .. CArr(-1),          //   configs: null
            .. NoTags,
            .. NoTags,
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 7));
    }
}
