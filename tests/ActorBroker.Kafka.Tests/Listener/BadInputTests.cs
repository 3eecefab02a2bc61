using System.Buffers.Binary;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>Whatever a client sends, only its own connection is closed, with one log line; the next client is served.</summary>
public class BadInputTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    public static TheoryData<string, byte[]> BadFrames() => new()
    {
        { "request size -2", [0xFF, 0xFF, 0xFF, 0xFE] },
        { "request size", SizePrefix(MaxRequestBytes + 1) },
        { "no API key and version", [0, 0, 0, 2, 0, 18] },
        { "the request ends early", [0, 0, 0, 6, 0, 18, 0, 0, 0, 0] },
        // ApiVersions v3 whose client software name says 9 bytes but has 2.
        { "the request ends early", RawKafkaClient.Request(18, 3, 1, [10, (byte)'a', (byte)'b'], headerV2: true) },
        { "unknown API key 999", RawKafkaClient.Request(999, 0, 1, []) },
        { "unknown API key -1", RawKafkaClient.Request(-1, 0, 1, []) },
        { "version 7 of Produce is not served", RawKafkaClient.Request(0, 7, 1, [0, 0, 0, 1]) },
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public async Task A_bad_request_closes_its_connection_with_one_log_line_and_the_next_connection_is_served(string reason, byte[] frame)
    {
        using var bad = await ConnectAsync();
        await EventFilter.Warning(contains: reason).ExpectOneAsync(async () =>
        {
            await bad.SendAsync(frame);
            Assert.True(await bad.IsClosedByPeerAsync(), "the connection stayed open");
        });

        using var good = await ConnectAsync();
        await good.SendRequestAsync(18, 0, correlationId: 2, []);
        var reader = new KafkaReader(await good.ReceiveFrameAsync(), false);
        Assert.Equal(2, reader.Int32());
        Assert.Equal(KafkaErrorCodes.None, reader.Int16());
    }

    [Fact]
    public async Task Responses_to_the_requests_before_a_bad_one_still_go_out_before_the_connection_closes()
    {
        using var client = await ConnectAsync();
        await client.SendAsync([.. RawKafkaClient.Request(0, 0, 1, Id(1)), .. RawKafkaClient.Request(999, 0, 2, [])]);
        Scripted.Answer(1);

        Assert.Equal(1, BinaryPrimitives.ReadInt32BigEndian(await client.ReceiveFrameAsync()));
        Assert.True(await client.IsClosedByPeerAsync());
    }

    private static byte[] SizePrefix(int size)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, size);
        return bytes;
    }

    internal static byte[] Id(int id) => SizePrefix(id);
}
