using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using ActorBroker.Actors;
using ActorBroker.Remote.Transport;
using ActorBroker.TestKit.MultiNode;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace ActorBroker.Remote.Tests.Transport;

/// <summary>Bytes from the network are untrusted: garbage may close its connection, never the node.</summary>
public sealed class MalformedFrameTests(ITestOutputHelper output) : RemoteTestKit(output)
{
    private RemoteActorRefProvider Provider => (RemoteActorRefProvider)Sys.Provider;

    [Fact]
    public void The_frame_decoder_rejects_lengths_that_are_not_positive_or_too_large()
    {
        foreach (var length in new[] { 0, -1, int.MinValue, 4096 + 1, int.MaxValue })
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
            var buffer = new ReadOnlySequence<byte>(bytes);
            Assert.Throws<FrameFormatException>(() => FrameDecoder.TryReadFrame(ref buffer, 4096, out _));
        }
    }

    [Fact]
    public void The_frame_decoder_waits_for_the_rest_of_a_partial_frame()
    {
        var bytes = new byte[] { 10, 0, 0, 0, 1, 2, 3 };
        var buffer = new ReadOnlySequence<byte>(bytes);

        Assert.False(FrameDecoder.TryReadFrame(ref buffer, 4096, out _));
        Assert.Equal(7, buffer.Length);
    }

    [Fact]
    public void Random_frame_bodies_either_dispatch_or_fail_as_frame_format_errors()
    {
        var dispatcher = new InboundDispatcher(Provider, Provider.LocalAddress, NullLogger.Instance);
        var random = new Random(20261121);
        var valid = ValidMessageBody();
        for (var i = 0; i < 20_000; i++)
        {
            var body = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 200)),
                1 => valid[..random.Next(0, valid.Length)],
                _ => Mutate(valid, random),
            };
            try
            {
                dispatcher.Dispatch(body);
            }
            catch (FrameFormatException)
            {
            }
        }
    }

    [Fact]
    public async Task Garbage_before_the_handshake_closes_that_connection_and_the_node_carries_on()
    {
        var other = StartOtherWithEcho(out var echo);
        using (var socket = await ConnectRawAsync(other))
        {
            await socket.SendAsync(RandomBytes(new Random(1), 64));
            Assert.Equal(0, await ReceiveUntilClosedAsync(socket));
        }

        await AssertLinkWorksAsync(echo);
    }

    [Fact]
    public async Task An_oversized_length_prefix_closes_the_connection_without_allocating_it()
    {
        var other = StartOtherWithEcho(out var echo);
        using (var socket = await ConnectRawAsync(other))
        {
            var prefix = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(prefix, int.MaxValue);
            await socket.SendAsync(prefix);
            Assert.Equal(0, await ReceiveUntilClosedAsync(socket));
        }

        await AssertLinkWorksAsync(echo);
    }

    [Fact]
    public async Task Garbage_after_a_valid_handshake_closes_that_connection_and_the_node_carries_on()
    {
        var other = StartOtherWithEcho(out var echo);
        using (var socket = await ConnectRawAsync(other))
        {
            await socket.SendAsync(Handshake.EncodeRequest(Address.Parse("abroker.tcp://fuzzer@127.0.0.1:1"), 99, other.Address));
            var random = new Random(7);
            var garbage = new byte[4 + 50];
            BinaryPrimitives.WriteInt32LittleEndian(garbage, 50);
            random.NextBytes(garbage.AsSpan(4));
            garbage[4] = 200; // an unknown frame kind
            await socket.SendAsync(garbage);
            Assert.True(await ReceiveUntilClosedAsync(socket) > 0, "the handshake answer arrives before the close");
        }

        await AssertLinkWorksAsync(echo);
    }

    [Fact]
    public async Task A_handshake_for_another_address_is_refused_with_the_reason()
    {
        var other = StartOtherWithEcho(out _);
        using var socket = await ConnectRawAsync(other);
        var wrong = other.Address with { Host = "localhost" };

        await socket.SendAsync(Handshake.EncodeRequest(Address.Parse("abroker.tcp://fuzzer@127.0.0.1:1"), 99, wrong));

        var buffer = new byte[4096];
        var read = 0;
        while (read < 4 || read < 4 + BinaryPrimitives.ReadInt32LittleEndian(buffer))
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read));
            Assert.True(n > 0, "the refusal is sent before the connection closes");
            read += n;
        }

        var answer = Assert.IsType<Handshake.Refused>(Handshake.DecodeResponse(buffer.AsSpan(4, read - 4)));
        Assert.Contains("use exactly the address", answer.Reason);
    }


    private ActorSystem StartOtherWithEcho(out IActorRef echo)
    {
        var other = Nodes.StartNode();
        echo = other.ActorOf(Props.Create(() => new Echo()), "echo");
        return other;
    }

    private async Task AssertLinkWorksAsync(IActorRef echo)
    {
        var remote = Sys.Provider.ResolveActorRef(echo.Path);
        Assert.Equal("still alive", await remote.Ask<string>("still alive", TimeSpan.FromSeconds(5)));
    }

    private static async Task<Socket> ConnectRawAsync(ActorSystem node)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync("127.0.0.1", node.Address.Port!.Value);
        return socket;
    }

    /// <summary>Reads until the node closes the connection; returns the bytes it sent before closing.</summary>
    private static async Task<int> ReceiveUntilClosedAsync(Socket socket)
    {
        var total = 0;
        var buffer = new byte[1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            int n;
            try
            {
                n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return total;
            }

            if (n == 0) return total;
            total += n;
        }
    }

    private byte[] ValidMessageBody()
    {
        var remote = (RemoteActorRef)Provider.ResolveActorRef(ActorPath.Parse("abroker.tcp://x@127.0.0.1:1/user/a"));
        var encoder = new MessageEncoder(Sys.Serialization, 1 << 20);
        var output = new ArrayBufferWriter<byte>();
        encoder.Encode(new OutboundEnvelope(remote, "payload", null), output);
        return output.WrittenSpan[FrameDecoder.LengthPrefixSize..].ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var copy = (byte[])valid.Clone();
        for (var i = random.Next(1, 4); i > 0; i--) copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }
}
