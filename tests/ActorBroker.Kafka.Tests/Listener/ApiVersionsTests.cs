using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

public class ApiVersionsTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_served_version_is_answered_with_the_ranges_of_the_table_and_a_v0_response_header(short version)
    {
        using var client = await ConnectAsync();
        // v3 is flexible: header v2, and a body of two compact strings and tagged fields.
        byte[] body = version >= 3 ? [4, (byte)'t', (byte)'e', (byte)'s', 4, (byte)'1', (byte)'.', (byte)'0', 0] : [];
        await client.SendRequestAsync(18, version, correlationId: 77, body, headerV2: version >= 3);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), flexible: version >= 3);
        Assert.Equal(77, reader.Int32()); // response header v0: no tagged fields even in v3
        Assert.Equal(KafkaErrorCodes.None, reader.Int16());
        AssertRanges(ref reader);
        if (version >= 1) Assert.Equal(0, reader.Int32());
        reader.TaggedFields();
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public async Task A_version_above_the_served_ones_is_answered_in_v0_with_UNSUPPORTED_VERSION_and_the_ranges()
    {
        using var client = await ConnectAsync();
        await client.SendRequestAsync(18, 9, correlationId: 5, [0], headerV2: true);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), flexible: false);
        Assert.Equal(5, reader.Int32());
        Assert.Equal(KafkaErrorCodes.UnsupportedVersion, reader.Int16());
        AssertRanges(ref reader);
        Assert.Equal(0, reader.Remaining);

        // The connection stays open for the client's retry with a version it found.
        await client.SendRequestAsync(18, 3, correlationId: 6, [1, 1, 0], headerV2: true);
        Assert.Equal(6, new KafkaReader(await client.ReceiveFrameAsync(), false).Int32());
    }

    [Fact]
    public async Task A_request_that_arrives_in_pieces_across_receive_buffers_is_answered()
    {
        using var client = await ConnectAsync();
        // v3 with a 60,000-byte client software name: compact length 60,001 as an unsigned varint.
        var name = Enumerable.Repeat((byte)'n', 60_000).ToArray();
        byte[] body = [0xE1, 0xD4, 0x03, .. name, 2, (byte)'1', 0];
        var frame = RawKafkaClient.Request(18, 3, correlationId: 9, body, headerV2: true);
        await client.SendAsync(frame[..7]);
        await client.SendAsync(frame[7..30_000]);
        await client.SendAsync(frame[30_000..]);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), flexible: true);
        Assert.Equal(9, reader.Int32());
        Assert.Equal(KafkaErrorCodes.None, reader.Int16());
    }

    private void AssertRanges(ref KafkaReader reader)
    {
        var count = reader.ArrayLength(6);
        Assert.Equal(Apis.Ranges.Count, count);
        foreach (var range in Apis.Ranges)
        {
            Assert.Equal((short)range.Key, reader.Int16());
            Assert.Equal(range.Min, reader.Int16());
            Assert.Equal(range.Max, reader.Int16());
            reader.TaggedFields();
        }
    }
}
