using System.Buffers.Binary;
using ActorBroker.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>queued-max-request-bytes on a live listener: connections holding parts of requests share one budget, and one that finds it spent waits rather than failing.</summary>
public class RequestBudgetTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    private const int MaxRequest = 128 * 1024;

    // The least the settings allow: the largest request and the read buffer it arrives in. Two connections holding 4 KiB
    // of a request each (plus a read buffer each) leave too little for a third, or for a 100 KiB request's second read.
    private const long Budget = MaxRequest + 64 * 1024;

    protected override KafkaSettings Settings => base.Settings with { SocketRequestMaxBytes = MaxRequest, QueuedMaxRequestBytes = Budget };

    [Fact]
    public async Task Connections_holding_parts_of_requests_never_buffer_more_than_the_budget_and_a_whole_request_waits_for_room()
    {
        var holders = new List<RawKafkaClient>();
        for (var i = 0; i < 8; i++)
        {
            var holder = await ConnectAsync();
            await AssertServedAsync(holder);
            // 4 KiB of a 60 KiB request: it stays partly arrived.
            await holder.SendAsync(RawKafkaClient.Request(0, 0, 100 + i, [.. BadInputTests.Id(100 + i), .. new byte[60 * 1024]])[..(4 * 1024)]);
            holders.Add(holder);
        }

        await AwaitConditionAsync(() => Task.FromResult(Listener.Budget.Used > Budget / 2), TimeSpan.FromSeconds(10));
        using var whole = await ConnectAsync();
        await AssertServedAsync(whole);
        // Larger than one read: its first 64 KiB arrive, the rest waits for room in the budget.
        await whole.SendAsync(RawKafkaClient.Request(0, 0, 7, [.. BadInputTests.Id(7), .. new byte[100 * 1024]]));
        Scripted.Answer(7);

        // Nothing to poll for: the whole request must not be taken while the holders keep the budget.
        await Task.Delay(300);
        Assert.DoesNotContain(7, Scripted.Received);
        Assert.True(Listener.Budget.Peak <= Budget, $"peak {Listener.Budget.Peak} over the budget {Budget}");

        foreach (var holder in holders) holder.Dispose();
        Assert.Equal(7, BinaryPrimitives.ReadInt32BigEndian(await whole.ReceiveFrameAsync()));
        await AwaitConditionAsync(() => Task.FromResult(Listener.Budget.Used == 0), TimeSpan.FromSeconds(10));
        Assert.True(Listener.Budget.Peak <= Budget, $"peak {Listener.Budget.Peak} over the budget {Budget}");
    }

    [Fact]
    public async Task A_request_of_the_largest_size_arrives_with_the_smallest_budget_the_settings_allow()
    {
        using var client = await ConnectAsync();
        await AssertServedAsync(client);
        // Header: api key, version, correlation id, client id "raw-test" (2 + 8 bytes): 18 bytes before the body.
        var frame = RawKafkaClient.Request(0, 0, 8, [.. BadInputTests.Id(8), .. new byte[MaxRequest - 18 - 4]]);
        Assert.Equal(MaxRequest, BinaryPrimitives.ReadInt32BigEndian(frame));
        Scripted.Answer(8);

        await client.SendAsync(frame);

        Assert.Equal(8, BinaryPrimitives.ReadInt32BigEndian(await client.ReceiveFrameAsync()));
        Assert.True(Listener.Budget.Peak <= Budget, $"peak {Listener.Budget.Peak} over the budget {Budget}");
    }
}
