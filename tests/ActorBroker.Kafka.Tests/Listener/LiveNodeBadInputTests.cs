using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
using Confluent.Kafka;
using Xunit.Abstractions;
using static ActorBroker.Kafka.Tests.Messages.Bytes;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>
/// Bad input against a broker node's real Kafka door (every handler it serves, on the broker's actors): requests it
/// does not serve, a fuzzer's frames and a client that never reads. Each costs only its own connection, and the node
/// goes on serving real clients.
/// </summary>
[Trait("Category", "Slow")]
[Collection(KafkaClusterCollection.Name)]
public sealed class LiveNodeBadInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);
    private KafkaCluster _cluster = null!;

    private IPEndPoint Endpoint => _cluster.Nodes[0].Door.LocalEndPoint;

    public async Task InitializeAsync()
    {
        _cluster = await KafkaCluster.StartAsync(output, 1);
        // The fuzzer's Produce and Fetch frames name this topic, so a handler that parses one meets a real partition.
        await _cluster.CreateTopicAsync("fuzz", partitions: 1, replicationFactor: 1);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(19, 8)] // CreateTopics above v7
    [InlineData(20, 6)] // DeleteTopics by topic id
    [InlineData(37, 4)]
    [InlineData(32, 5)]
    [InlineData(60, 2)]
    [InlineData(3, 13)]
    [InlineData(999, 0)] // no such API
    [InlineData(22, 0)] // InitProducerId: idempotence is not served
    public async Task An_unserved_api_or_version_closes_only_its_connection_and_the_node_serves_the_next_client(short apiKey, short version)
    {
        using (var bad = await RawKafkaClient.ConnectAsync(Endpoint))
        {
            await bad.SendRequestAsync(apiKey, version, correlationId: 1, [0, 0, 0, 0]);
            Assert.True(await bad.IsClosedByPeerAsync(), "the connection stayed open");
        }

        await AssertServedAsync();
    }

    [Fact]
    public async Task Api_versions_advertises_the_admin_apis_with_the_versions_their_handlers_serve()
    {
        using var client = await RawKafkaClient.ConnectAsync(Endpoint);
        await client.SendRequestAsync(18, 0, correlationId: 5, []);
        var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal(5, reader.Int32());
        Assert.Equal(KafkaErrorCodes.None, reader.Int16());
        var ranges = new Dictionary<short, (short, short)>();
        for (var count = reader.Int32(); count > 0; count--) ranges[reader.Int16()] = (reader.Int16(), reader.Int16());

        Assert.Equal((0, 7), ranges[19]);
        Assert.Equal((0, 5), ranges[20]);
        Assert.Equal((0, 4), ranges[32]);
        Assert.Equal((0, 3), ranges[37]);
        Assert.Equal((0, 1), ranges[60]);
    }

    /// <summary>
    /// 100,000 mutated or random frames (and valid ones among them, a quarter) over four connections at a time, each
    /// connection a burst of 1–32 frames then end of input. Every connection must end (answers, then close) within
    /// its timeout, with whole response frames only; afterwards a real client is served.
    /// </summary>
    [Fact]
    public async Task A_hundred_thousand_random_and_mutated_frames_leave_the_node_serving_a_real_client()
    {
        const int MutatedFrames = 100_000;
        const int Workers = 4;
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => FuzzAsync(new Random(18_000 + w), MutatedFrames / Workers))));

        var total = results.Aggregate((a, b) => a + b);
        output.WriteLine($"{total.Mutated} mutated and {total.Valid} valid frames over {total.Connections} connections in {watch.Elapsed}: " +
                         $"{total.Answers} answers, {total.Resets} connections reset");
        Assert.True(total.Mutated >= MutatedFrames);
        // The fuzzer must reach the handlers, not only the framing: a share of what it sends is answered.
        Assert.True(total.Answers > total.Connections / 4, $"only {total.Answers} answers over {total.Connections} connections");
        await AssertServedAsync();
    }

    [Fact]
    public async Task A_client_that_never_reads_is_held_back_by_the_in_flight_limit_and_the_node_serves_others()
    {
        using var slow = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await slow.ConnectAsync(Endpoint).WaitAsync(ConnectionTimeout);
        // Small requests with larger answers: the node's send buffer fills long before much is read.
        var burst = Enumerable.Repeat(RawKafkaClient.Request(18, 0, 1, []), 1024).SelectMany(r => r).ToArray();
        const long Cap = 64L * 1024 * 1024;
        long sent = 0;
        var blocked = false;
        while (sent < Cap)
        {
            var send = slow.SendAsync(burst);
            // A send that does not complete means the node stopped reading: what this test waits for.
            if (await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(2))) != send)
            {
                blocked = true;
                break;
            }

            sent += await send;
        }

        output.WriteLine($"the node stopped reading after {sent / 1024 / 1024} MiB of requests");
        Assert.True(blocked, $"the node read {Cap / 1024 / 1024} MiB of requests from a client that reads no response");
        await AssertServedAsync();
    }

    /// <summary>A raw ApiVersions, then Confluent.Kafka's Metadata and DescribeCluster.</summary>
    private async Task AssertServedAsync()
    {
        using (var raw = await RawKafkaClient.ConnectAsync(Endpoint))
        {
            await raw.SendRequestAsync(18, 0, correlationId: 7, []);
            var reader = new KafkaReader(await raw.ReceiveFrameAsync(), false);
            Assert.Equal(7, reader.Int32());
            Assert.Equal(KafkaErrorCodes.None, reader.Int16());
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _cluster.BootstrapServers }).Build();
        var metadata = admin.GetMetadata("fuzz", TimeSpan.FromSeconds(20));
        Assert.Equal(ErrorCode.NoError, Assert.Single(metadata.Topics).Error.Code);
        Assert.Single((await admin.DescribeClusterAsync()).Nodes);
    }

    private async Task<FuzzResult> FuzzAsync(Random random, int mutatedQuota)
    {
        var result = new FuzzResult(0, 0, 0, 0, 0);
        // Bounded: every connection sends at least one mutated frame with probability 3/4 per frame.
        for (var attempt = 0; result.Mutated < mutatedQuota && attempt < mutatedQuota; attempt++)
        {
            var frames = new List<byte>();
            var mutated = 0;
            var count = random.Next(1, 33);
            for (var i = 0; i < count; i++)
            {
                var isMutated = random.Next(4) != 0;
                frames.AddRange(isMutated ? FuzzFrames.Mutated(random, i) : FuzzFrames.Valid(random, i));
                if (isMutated) mutated++;
            }

            var (answers, reset) = await SendAndDrainAsync([.. frames]);
            result += new FuzzResult(mutated, count - mutated, 1, answers, reset ? 1 : 0);
        }

        return result;
    }

    /// <summary>
    /// Sends the frames, ends the input and reads until the node closes. Returns the number of response frames; a
    /// connection the node closes with unread input left is reset by TCP, which may lose answers in flight: that is
    /// counted, not failed. A connection that neither answers nor closes in time, or ends inside a response, fails.
    /// </summary>
    private async Task<(int Answers, bool Reset)> SendAndDrainAsync(byte[] frames)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(ConnectionTimeout);
        await socket.ConnectAsync(Endpoint, timeout.Token);
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        try
        {
            await socket.SendAsync(frames, SocketFlags.None, timeout.Token);
            socket.Shutdown(SocketShutdown.Send);
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) received.AddRange(buffer.AsSpan(0, read));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted)
        {
            return (WholeFrames(received, allowCut: true), true);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the node neither answered nor closed a fuzzed connection within {ConnectionTimeout} ({received.Count} bytes received)");
        }

        return (WholeFrames(received, allowCut: false), false);
    }

    /// <summary>Counts the size-prefixed frames in <paramref name="bytes"/>; every one must be whole unless the connection was reset.</summary>
    private static int WholeFrames(List<byte> bytes, bool allowCut)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        var frames = 0;
        while (span.Length >= 4)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(span);
            Assert.True(size >= 4, $"a response frame of {size} bytes has no correlation id");
            if (span.Length < 4 + size) break;
            span = span[(4 + size)..];
            frames++;
        }

        Assert.True(allowCut || span.IsEmpty, $"the node closed the connection inside a response ({span.Length} bytes of it sent)");
        return frames;
    }

    private readonly record struct FuzzResult(long Mutated, long Valid, long Connections, long Answers, long Resets)
    {
        public static FuzzResult operator +(FuzzResult a, FuzzResult b) =>
            new(a.Mutated + b.Mutated, a.Valid + b.Valid, a.Connections + b.Connections, a.Answers + b.Answers, a.Resets + b.Resets);
    }
}
