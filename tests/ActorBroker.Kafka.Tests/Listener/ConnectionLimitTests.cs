using System.Net;
using ActorBroker.Kafka.Tests.Support;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>max-connections and max-connections-per-ip on a live listener: one more is closed at once, with one warning for a whole flood.</summary>
public class ConnectionLimitTests(ITestOutputHelper output) : ListenerTestKit(output)
{
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");

    protected override KafkaSettings Settings => base.Settings with { MaxConnections = 6, MaxConnectionsPerIp = 3 };

    [Fact]
    public async Task A_connection_over_the_per_ip_limit_is_closed_at_once_while_another_address_is_served()
    {
        var open = new List<RawKafkaClient>();
        for (var i = 0; i < 3; i++) open.Add(await ConnectAsync());
        foreach (var client in open) await AssertServedAsync(client);

        using (var over = await ConnectAsync())
        {
            Assert.True(await over.IsClosedByPeerAsync(), "a fourth connection from 127.0.0.1 stayed open");
        }

        using var other = await ConnectAsync(from: Other);
        await AssertServedAsync(other);
        foreach (var client in open) client.Dispose();
    }

    [Fact]
    public async Task A_flood_of_connections_over_the_limit_gets_one_warning_line_and_the_listener_serves_once_it_ends()
    {
        var held = new List<RawKafkaClient>();
        for (var i = 0; i < 3; i++) held.Add(await ConnectAsync());
        for (var i = 0; i < 3; i++) held.Add(await ConnectAsync(from: Other));
        await AwaitConditionAsync(() => Task.FromResult(Listener.OpenConnections == 6), TimeSpan.FromSeconds(10));

        await EventFilter.Warning(contains: "actorbroker.kafka.max-connections = 6").ExpectOneAsync(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var over = await ConnectAsync(from: IPAddress.Parse($"127.0.1.{1 + (i % 200)}"));
                Assert.True(await over.IsClosedByPeerAsync(), $"connection {i} over the limit stayed open");
            }
        });

        foreach (var client in held) client.Dispose();
        await AwaitConditionAsync(() => Task.FromResult(Listener.OpenConnections == 0), TimeSpan.FromSeconds(10));
        using var next = await ConnectAsync();
        await AssertServedAsync(next);
    }
}
