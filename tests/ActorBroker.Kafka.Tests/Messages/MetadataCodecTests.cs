using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Tests.Messages;

public class MetadataCodecTests
{
    private static readonly Guid TopicId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");

    private static readonly MetadataResponse Response = new(
        [new MetadataResponseBroker(7, "h", 9092)],
        "c",
        ControllerId: 7,
        [new MetadataResponseTopic(0, "t", TopicId, false, [new MetadataResponsePartition(0, 0, 7, 5, [7], [7], [])])]);

    [Fact]
    public void Version_1_writes_brokers_with_racks_the_controller_and_topics_without_cluster_id_epochs_or_offline_replicas()
    {
        byte[] expected =
        [
            0, 0, 0, 1, /* broker */ 0, 0, 0, 7, 0, 1, (byte)'h', 0, 0, 0x23, 0x84, 0xFF, 0xFF,
            /* controller */ 0, 0, 0, 7,
            0, 0, 0, 1, /* topic */ 0, 0, 0, 1, (byte)'t', /* internal */ 0,
            0, 0, 0, 1, /* partition */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, /* replicas */ 0, 0, 0, 1, 0, 0, 0, 7, /* isr */ 0, 0, 0, 1, 0, 0, 0, 7,
        ];
        Assert.Equal(expected, Body(Response, 1));
    }

    [Fact]
    public void Version_12_is_flexible_with_throttle_cluster_id_topic_ids_epochs_offline_replicas_and_authorized_operations()
    {
        byte[] expected =
        [
            /* throttle */ 0, 0, 0, 0,
            2, /* broker */ 0, 0, 0, 7, 2, (byte)'h', 0, 0, 0x23, 0x84, /* rack null */ 0, /* tags */ 0,
            /* cluster id */ 2, (byte)'c', /* controller */ 0, 0, 0, 7,
            2, /* topic */ 0, 0, 2, (byte)'t', .. TopicId.ToByteArray(bigEndian: true), /* internal */ 0,
            2, /* partition */ 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, /* epoch */ 0, 0, 0, 5, /* replicas */ 2, 0, 0, 0, 7, /* isr */ 2, 0, 0, 0, 7, /* offline */ 1, /* tags */ 0,
            /* topic authorized operations */ 0x80, 0, 0, 0, /* tags */ 0,
            /* tags */ 0,
        ];
        Assert.Equal(expected, Body(Response, 12));
    }

    [Fact]
    public void Versions_8_to_10_carry_the_cluster_authorized_operations_and_11_does_not()
    {
        Assert.Equal(Body(Response, 11).Length + 4, Body(Response, 10).Length);
        Assert.Equal([0x80, 0, 0, 0, 0], Body(Response, 10)[^5..]);
    }

    [Fact]
    public void A_topic_asked_for_by_id_in_version_12_is_answered_with_a_null_name()
    {
        var unknown = new MetadataResponse([], null, -1, [new MetadataResponseTopic(100, null, TopicId, false, [])]);
        byte[] expected = [0, 0, 0, 0, 1, /* cluster id null */ 0, 0xFF, 0xFF, 0xFF, 0xFF, 2, 0, 100, /* name null */ 0, .. TopicId.ToByteArray(true), 0, 1, 0x80, 0, 0, 0, 0, 0];
        Assert.Equal(expected, Body(unknown, 12));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void A_request_reads_back_what_a_client_writes(short version)
    {
        var request = new MetadataRequest([new MetadataRequestTopic(version >= 10 ? TopicId : Guid.Empty, "orders")],
            AllowAutoTopicCreation: version < 4, IncludeClusterAuthorizedOperations: version is >= 8 and <= 10, IncludeTopicAuthorizedOperations: version >= 8);
        var read = RoundTrip(request, version);
        Assert.Equal(request.Topics, read.Topics);
        Assert.Equal(request with { Topics = null }, read with { Topics = null });

        Assert.Null(RoundTrip(new MetadataRequest(null), version).Topics);
        Assert.Empty(RoundTrip(new MetadataRequest([]), version).Topics!);
    }

    [Fact]
    public void Version_12_asks_for_a_topic_by_id_with_a_null_name_and_older_versions_need_a_name()
    {
        var byId = RoundTrip(new MetadataRequest([new MetadataRequestTopic(TopicId, null)]), 12);
        Assert.Equal(new MetadataRequestTopic(TopicId, null), Assert.Single(byId.Topics!));

        using var writer = new KafkaWriter(false);
        writer.ArrayLength(1);
        writer.NullableString(null);
        writer.Boolean(true);
        Assert.Throws<KafkaProtocolException>(() =>
        {
            var reader = new KafkaReader(writer.Frame().Span[4..], false);
            MetadataRequest.Read(ref reader, 4);
        });
    }

    private static MetadataRequest RoundTrip(MetadataRequest request, short version)
    {
        using var writer = new KafkaWriter(version >= 9);
        request.Write(writer, version);
        var reader = new KafkaReader(writer.Frame().Span[4..], version >= 9);
        var read = MetadataRequest.Read(ref reader, version);
        Assert.Equal(0, reader.Remaining);
        return read;
    }

    private static byte[] Body(MetadataResponse response, short version)
    {
        using var writer = new KafkaWriter(version >= 9);
        response.Write(writer, version);
        return writer.Frame().Span[4..].ToArray();
    }
}
