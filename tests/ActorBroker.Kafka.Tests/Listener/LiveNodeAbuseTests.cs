using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Tests.Support;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>
/// Floods and slow drips against a broker node's real Kafka door, with its limits configured small so the short version
/// runs in CI in a few seconds: the node keeps its connections and buffered request bytes within the limits, ends every
/// abusive connection by itself, and then serves Confluent.Kafka's clients.
/// </summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class LiveNodeAbuseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MaxRequest = 1024 * 1024;
    // The least the settings allow (the largest request and one read buffer): 250 drips would hold 16 MiB and more without it.
    private const long Budget = MaxRequest + KafkaConnection.ReadBufferSize;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Ends = TimeSpan.FromSeconds(20);
    private KafkaCluster _cluster = null!;

    private KafkaListener Listener => _cluster.Nodes[0].Door.Listener;

    private IPEndPoint Endpoint => _cluster.Nodes[0].Door.LocalEndPoint;

    public async Task InitializeAsync()
    {
        _cluster = await KafkaCluster.StartAsync(output, 1, KafkaCluster.DoorSettings with
        {
            MaxConnections = 400,
            MaxConnectionsPerIp = 150,
            FirstRequestTimeout = Deadline,
            RequestReceiveTimeout = Deadline,
            SocketRequestMaxBytes = MaxRequest,
            QueuedMaxRequestBytes = Budget,
        });
        await _cluster.CreateTopicAsync("abuse", partitions: 1, replicationFactor: 1);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_flood_of_silent_connections_past_every_limit_is_refused_or_timed_out_and_the_node_then_serves_clients()
    {
        var watch = Stopwatch.StartNew();
        // 1,000 connections from three addresses, 500 at a time: past max-connections-per-ip on each and past max-connections in all.
        var outcomes = new List<bool>();
        for (var wave = 0; wave < 2; wave++)
        {
            var sockets = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => ConnectAsync(IPAddress.Parse($"127.0.0.{1 + (i % 3)}"))));
            Assert.InRange(Listener.OpenConnections, 0, 400);
            outcomes.AddRange(await Task.WhenAll(sockets.Select(ClosedByNodeAsync)));
            foreach (var socket in sockets) socket.Dispose();
        }

        output.WriteLine($"1,000 silent connections ended by the node in {watch.Elapsed}");
        Assert.All(outcomes, Assert.True);
        await _cluster.AwaitAsync(() => Listener.OpenConnections == 0, "every flooded connection is closed");
        await AssertServedAsync();
    }

    [Fact]
    public async Task Two_hundred_fifty_connections_dripping_large_requests_are_closed_at_the_deadline_within_the_byte_budget_and_the_node_then_serves_clients()
    {
        var watch = Stopwatch.StartNew();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var drips = await Task.WhenAll(Enumerable.Range(0, 250).Select(i => DripAsync(IPAddress.Parse($"127.0.0.{1 + (i % 2)}"), i)));
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"250 drips ended in {watch.Elapsed}; {drips.Sum()} bytes dripped; buffered request bytes peaked at {Listener.Budget.Peak} " +
                         $"of {Budget}; managed heap of this process (node and clients) {memoryBefore / 1024 / 1024} MiB before, {memoryAfter / 1024 / 1024} MiB after");
        Assert.True(Listener.Budget.Peak <= Budget, $"buffered request bytes peaked at {Listener.Budget.Peak}, over the budget {Budget}");
        await _cluster.AwaitAsync(() => Listener.OpenConnections == 0 && Listener.Budget.Used == 0, "every drip is closed and its bytes given back");
        await AssertServedAsync();
    }

    /// <summary>Served ApiVersions, then 16 KiB of a 900 KiB Produce, then a byte every 100 ms until the node closes the connection.</summary>
    private async Task<int> DripAsync(IPAddress from, int index)
    {
        using var client = await RawKafkaClient.ConnectAsync(Endpoint, from);
        await ListenerTestKit.AssertServedAsync(client, correlationId: index);
        var frame = RawKafkaClient.Request(0, 3, index, new byte[900 * 1024]);
        var closed = client.IsClosedByPeerAsync();
        var sent = 16 * 1024;
        try
        {
            await client.SendAsync(frame[..sent]);
            while (!closed.IsCompleted && sent < frame.Length)
            {
                await Task.Delay(100);
                await client.SendAsync([frame[sent++]]);
            }
        }
        catch (SocketException)
        {
            // The node closed it while this byte was on its way.
        }

        Assert.True(await closed.WaitAsync(Ends), "a dripping connection was not closed");
        return sent;
    }

    private async Task<Socket> ConnectAsync(IPAddress from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(Endpoint).WaitAsync(Ends);
        return socket;
    }

    /// <summary>True once the node closed the connection (end of stream or reset), having sent nothing.</summary>
    private static async Task<bool> ClosedByNodeAsync(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new byte[1]).WaitAsync(Ends) == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    /// <summary>A raw ApiVersions, then Confluent.Kafka's Metadata and a produce with acks=all.</summary>
    private async Task AssertServedAsync()
    {
        using (var raw = await RawKafkaClient.ConnectAsync(Endpoint)) await ListenerTestKit.AssertServedAsync(raw, correlationId: 7);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        Assert.Equal(ErrorCode.NoError, Assert.Single(admin.GetMetadata("abuse", TimeSpan.FromSeconds(20)).Topics).Error.Code);
        using var producer = ConfluentClients.Producer(_cluster.BootstrapServers, output);
        var delivered = await producer.ProduceAsync(new TopicPartition("abuse", 0), new Message<string, string> { Key = "k", Value = "after the abuse" });
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }
}
