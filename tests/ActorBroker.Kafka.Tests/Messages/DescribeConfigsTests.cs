using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using static ActorBroker.Kafka.Tests.Messages.Bytes;
using Sources = ActorBroker.Kafka.Messages.DescribeConfigsEntry.Sources;

namespace ActorBroker.Kafka.Tests.Messages;

public class DescribeConfigsTests
{
    private static readonly ApiVersionRange Versions = DescribeConfigsRequest.Versions;

    [Fact]
    public void Serves_v0_to_v4_flexible_from_v4()
    {
        Assert.Equal(new ApiVersionRange(ApiKey.DescribeConfigs, 0, 4, 4), Versions);
    }

    private static readonly byte[] V0Request =
    [
        .. Arr(2),                // resources
        .. I8(2),                 //   resource_type: topic
        .. Str("orders"),         //   resource_name
        .. Arr(-1),               //   configuration_keys: null, all of them
        .. I8(4),                 //   resource_type: broker
        .. Str("1"),
        .. Arr(1), .. Str("log.retention.ms"),
    ];

    [Fact]
    public void A_v0_request_reads_resources_with_null_and_listed_keys()
    {
        var request = Codec.Read(DescribeConfigsRequest.Read, Versions, 0, V0Request);

        Assert.False(request.IncludeSynonyms);
        Assert.False(request.IncludeDocumentation);
        Assert.Equal(2, request.Resources.Count);
        Assert.Equal((DescribeConfigsResource.Types.Topic, "orders"), (request.Resources[0].ResourceType, request.Resources[0].ResourceName));
        Assert.Null(request.Resources[0].ConfigurationKeys);
        Assert.Equal((DescribeConfigsResource.Types.Broker, "1"), (request.Resources[1].ResourceType, request.Resources[1].ResourceName));
        Assert.Equal(["log.retention.ms"], request.Resources[1].ConfigurationKeys);
    }

    [Fact]
    public void A_flexible_v4_request_reads_the_synonyms_and_documentation_flags()
    {
        byte[] body =
        [
            .. CArr(1), .. I8(2), .. CStr("t"), .. CArr(0), .. NoTags,
            .. Bool(true),            // include_synonyms (v1+)
            .. Bool(true),            // include_documentation (v3+)
            .. NoTags,
        ];

        var request = Codec.Read(DescribeConfigsRequest.Read, Versions, 4, body);

        Assert.True(request.IncludeSynonyms);
        Assert.True(request.IncludeDocumentation);
        Assert.Empty(Assert.Single(request.Resources).ConfigurationKeys!);
    }

    [Fact]
    public void A_truncated_request_throws_a_protocol_error_at_every_length()
    {
        Codec.EveryTruncationThrows(DescribeConfigsRequest.Read, Versions, 0, V0Request);
    }

    private static readonly DescribeConfigsResponse Response = new(
    [
        new DescribeConfigsResult(0, null, DescribeConfigsResource.Types.Topic, "orders",
        [
            new DescribeConfigsEntry("retention.ms", "604800000", false, Sources.DefaultConfig, false,
                [new DescribeConfigsSynonym("log.retention.ms", "604800000", Sources.DefaultConfig)], ConfigType: 5, Documentation: "How long"),
            new DescribeConfigsEntry("cleanup.policy", "compact", false, Sources.DynamicTopicConfig, false, []),
        ]),
    ], ThrottleTimeMs: 3);

    [Fact]
    public void A_v0_response_writes_is_default_instead_of_a_source_and_no_synonyms()
    {
        byte[] expected =
        [
            .. I32(3),                // throttle_time_ms
            .. Arr(1),                // results
            .. I16(0), .. Str(null),  //   error_code, error_message
            .. I8(2), .. Str("orders"), // resource_type, resource_name
            .. Arr(2),                //   configs
            .. Str("retention.ms"), .. Str("604800000"),
            .. Bool(false),           //     read_only
            .. Bool(true),            //     is_default (v0 only): the source is the default
            .. Bool(false),           //     is_sensitive
            .. Str("cleanup.policy"), .. Str("compact"), .. Bool(false),
            .. Bool(false),           //     is_default: set on the topic
            .. Bool(false),
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 0));
    }

    [Fact]
    public void A_v1_response_writes_the_source_and_synonyms_but_no_type_nor_documentation()
    {
        byte[] expected =
        [
            .. I32(3), .. Arr(1), .. I16(0), .. Str(null), .. I8(2), .. Str("orders"), .. Arr(2),
            .. Str("retention.ms"), .. Str("604800000"), .. Bool(false),
            .. I8(5),                 //     config_source (v1+): default
            .. Bool(false),
            .. Arr(1), .. Str("log.retention.ms"), .. Str("604800000"), .. I8(5), // synonyms (v1+): name, value, source
            .. Str("cleanup.policy"), .. Str("compact"), .. Bool(false), .. I8(1), .. Bool(false),
            .. Arr(0),
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 1));
    }

    [Fact]
    public void A_flexible_v4_response_adds_config_type_and_documentation()
    {
        byte[] expected =
        [
            .. I32(3), .. CArr(1), .. I16(0), .. CStr(null), .. I8(2), .. CStr("orders"), .. CArr(2),
            .. CStr("retention.ms"), .. CStr("604800000"), .. Bool(false), .. I8(5), .. Bool(false),
            .. CArr(1), .. CStr("log.retention.ms"), .. CStr("604800000"), .. I8(5), .. NoTags,
            .. I8(5),                 //     config_type (v3+): long
            .. CStr("How long"),      //     documentation (v3+)
            .. NoTags,
            .. CStr("cleanup.policy"), .. CStr("compact"), .. Bool(false), .. I8(1), .. Bool(false),
            .. CArr(0), .. I8(0), .. CStr(null), .. NoTags,
            .. NoTags,                //   result
            .. NoTags,                // response
        ];
        Assert.Equal(expected, Codec.Write(Response.Write, Versions, 4));
    }
}
