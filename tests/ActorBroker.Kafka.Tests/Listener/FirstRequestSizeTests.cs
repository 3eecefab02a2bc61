using ActorBroker.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>
/// The size bound of a connection's first request on a live listener. Apart from the deadline tests: with their short
/// first-request timeout a busy machine could close the connection for its silence before the request was sent.
/// </summary>
public class FirstRequestSizeTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    protected override KafkaSettings Settings => base.Settings with { FirstRequestMaxBytes = 1024 };

    [Fact]
    public async Task A_first_request_over_first_request_max_bytes_is_refused_but_the_same_request_after_a_first_one_is_served()
    {
        var large = RawKafkaClient.Request(0, 0, 11, [.. BadInputTests.Id(2), .. new byte[4096]]);
        using (var first = await ConnectAsync())
        {
            await EventFilter.Warning(contains: "actorbroker.kafka.first-request-max-bytes").ExpectOneAsync(async () =>
            {
                await first.SendAsync(large);
                Assert.True(await first.IsClosedByPeerAsync(), "a large first request was taken");
            });
        }

        using var second = await ConnectAsync();
        await AssertServedAsync(second);
        await second.SendAsync(large);
        await AwaitConditionAsync(() => Task.FromResult(Scripted.Received.Contains(2)), TimeSpan.FromSeconds(10));
    }
}
