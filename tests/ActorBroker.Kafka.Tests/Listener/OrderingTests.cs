using System.Buffers.Binary;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

public class OrderingTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    [Fact]
    public async Task Pipelined_requests_are_answered_in_request_order_whatever_order_their_handling_ends_in()
    {
        using var client = await ConnectAsync();
        byte[] frames = [.. Request(1), .. Request(2), .. Request(-3), .. Request(4)];
        await client.SendAsync(frames);
        await AwaitConditionAsync(() => Task.FromResult(Scripted.Received.Count == 4), TimeSpan.FromSeconds(10));

        // The last finishes first and the one without a response (acks=0 style) in between: the wire order stays 1, 2, 4.
        Scripted.Answer(4);
        Scripted.Answer(-3);
        Scripted.Answer(2);
        Scripted.Answer(1);

        foreach (var expected in new[] { 1, 2, 4 })
        {
            var frame = await client.ReceiveFrameAsync();
            Assert.Equal(expected * 10, BinaryPrimitives.ReadInt32BigEndian(frame)); // correlation id
            Assert.Equal(expected, BinaryPrimitives.ReadInt32BigEndian(frame.AsSpan(4)));
        }
    }

    [Fact]
    public async Task A_connection_starts_no_more_than_max_in_flight_requests_until_a_response_is_done()
    {
        using var client = await ConnectAsync();
        // Seven requests in one send: they arrive in one buffer, so without the bound all would start in one pass.
        await client.SendAsync([.. Enumerable.Range(1, 7).SelectMany(Request)]);
        await AwaitConditionAsync(() => Task.FromResult(Scripted.Received.Count >= 4), TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3, 4], Scripted.Received); // max-in-flight-requests-per-connection = 4

        Scripted.Answer(1);
        Assert.Equal(10, BinaryPrimitives.ReadInt32BigEndian(await client.ReceiveFrameAsync()));
        await AwaitConditionAsync(() => Task.FromResult(Scripted.Received.Count >= 5), TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3, 4, 5], Scripted.Received);

        foreach (var id in Enumerable.Range(2, 6)) Scripted.Answer(id);
        foreach (var id in Enumerable.Range(2, 6)) Assert.Equal(id * 10, BinaryPrimitives.ReadInt32BigEndian(await client.ReceiveFrameAsync()));
    }

    public static TheoryData<Exception> Timeouts => [new TimeoutException("the broker did not answer"), new Akka.Actor.AskTimeoutException("Timeout after 10.00 seconds")];

    [Theory]
    [MemberData(nameof(Timeouts))]
    public async Task A_handler_that_times_out_is_answered_with_its_error_response_REQUEST_TIMED_OUT(Exception timeout)
    {
        // Akka.NET's AskTimeoutException is not a TimeoutException; answered UNKNOWN_SERVER_ERROR, librdkafka failed the records instead of retrying.
        using var client = await ConnectAsync();
        await client.SendAsync(Request(1));
        await AwaitConditionAsync(() => Task.FromResult(!Scripted.Received.IsEmpty), TimeSpan.FromSeconds(10));
        Scripted.Fail(1, timeout);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal(10, reader.Int32());
        Assert.Equal(1, reader.Int32());
        Assert.Equal((short)Protocol.ErrorCode.RequestTimedOut, reader.Int16());
    }

    [Fact]
    public async Task A_flexible_request_gets_a_response_header_with_tagged_fields()
    {
        using var client = await ConnectAsync();
        await client.SendRequestAsync(0, 1, 10, [0, 0, 0, 1, 0], headerV2: true);
        await AwaitConditionAsync(() => Task.FromResult(!Scripted.Received.IsEmpty), TimeSpan.FromSeconds(10));
        Scripted.Answer(1);

        var reader = new KafkaReader(await client.ReceiveFrameAsync(), flexible: true);
        Assert.Equal(10, reader.Int32());
        Assert.Equal(0u, reader.UnsignedVarint()); // header v1's empty tag section
        Assert.Equal(1, reader.Int32());
        Assert.Equal(0, reader.Int16());
        Assert.Equal(0u, reader.UnsignedVarint());
        Assert.Equal(0, reader.Remaining);
    }

    private static byte[] Request(int id) => RawKafkaClient.Request(0, 0, id * 10, BadInputTests.Id(id));
}
