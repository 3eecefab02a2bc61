using System.Buffers.Binary;
using ActorBroker.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>
/// A connection's deadlines on a live listener, configured short: the first request, a request that drips in, an idle
/// connection; each closes only that connection and gives back the bytes it buffered.
/// </summary>
public class DeadlineTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(600);

    protected override KafkaSettings Settings => base.Settings with
    {
        FirstRequestTimeout = Short,
        RequestReceiveTimeout = Short,
        ConnectionsMaxIdle = TimeSpan.FromMilliseconds(900),
    };

    [Fact]
    public async Task A_connection_that_sends_nothing_is_closed_at_the_first_request_timeout()
    {
        using var silent = await ConnectAsync();
        await EventFilter.Warning(contains: "actorbroker.kafka.first-request-timeout").ExpectOneAsync(async () =>
            Assert.True(await silent.IsClosedByPeerAsync(), "the silent connection stayed open"));
    }

    [Fact]
    public async Task A_request_that_drips_in_a_byte_at_a_time_is_closed_at_the_request_receive_timeout_and_its_bytes_are_given_back()
    {
        using var drip = await ConnectAsync();
        await AssertServedAsync(drip);
        var frame = RawKafkaClient.Request(0, 0, 9, new byte[32 * 1024]);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await EventFilter.Warning(contains: "actorbroker.kafka.request-receive-timeout").ExpectOneAsync(async () =>
        {
            var closed = drip.IsClosedByPeerAsync();
            var sent = 0;
            // A byte every 20 ms: the connection is never silent, yet its request never arrives.
            while (sent < frame.Length && !closed.IsCompleted)
            {
                try
                {
                    await drip.SendAsync([frame[sent]]);
                }
                catch (System.Net.Sockets.SocketException)
                {
                    break; // closed between the check and the send
                }

                sent++;
                // The listener holds what arrived plus one read buffer, never the 32 KiB the size prefix announces up front.
                Assert.True(Listener.Budget.Used <= sent + 64 * 1024, $"{Listener.Budget.Used} bytes held for {sent} arrived");
                await Task.Delay(20);
            }

            Assert.True(await closed, "the dripping connection was not closed");
            Assert.True(sent < frame.Length, "the whole request dripped in");
        });

        Assert.InRange(watch.Elapsed, Short, TimeSpan.FromSeconds(5));
        await AwaitConditionAsync(() => Task.FromResult(Listener.Budget.Used == 0), TimeSpan.FromSeconds(10));
        Assert.Empty(Scripted.Received);
    }

    [Fact]
    public async Task A_connection_without_requests_for_connections_max_idle_is_closed_but_one_with_a_request_unanswered_stays()
    {
        using var idle = await ConnectAsync();
        await AssertServedAsync(idle);
        using var waiting = await ConnectAsync();
        await waiting.SendRequestAsync(0, 0, 10, BadInputTests.Id(1));

        Assert.True(await idle.IsClosedByPeerAsync(), "the idle connection stayed open");
        // Nothing to poll for: the connection must still be there after more than its idle time.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Scripted.Answer(1);
        Assert.Equal(10, BinaryPrimitives.ReadInt32BigEndian(await waiting.ReceiveFrameAsync()));
    }
}
