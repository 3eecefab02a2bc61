using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Remote.Transport;

namespace ActorBroker.Remote.Tests.Transport;

/// <summary>The blocking frame reader of inbound connections, over a real loopback connection.</summary>
public sealed class SocketFrameReaderTests : IDisposable
{
    private readonly Socket _client;
    private readonly Socket _server;

    public SocketFrameReaderTests()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _client.Connect(listener.LocalEndPoint!);
        _server = listener.Accept();
        _server.ReceiveTimeout = 10_000;
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Dispose();
    }

    [Fact]
    public async Task Frames_cut_into_pieces_of_any_size_arrive_whole_and_in_order()
    {
        var frames = Enumerable.Range(1, 200).Select(i => Frame(i, (i * 37) % 300 + 1)).ToList();
        var stream = frames.SelectMany(f => f).ToArray();
        var sender = Task.Run(() =>
        {
            var random = new Random(7);
            for (var offset = 0; offset < stream.Length;)
            {
                var piece = Math.Min(random.Next(1, 700), stream.Length - offset);
                _client.Send(stream, offset, piece, SocketFlags.None);
                offset += piece;
            }

            _client.Shutdown(SocketShutdown.Send);
        });
        using var reader = new SocketFrameReader(_server, maximumFrameSize: 4096, bufferSize: 256);

        var received = ReadToEnd(reader);

        await sender;
        Assert.Equal(frames.Select(Body), received);
    }

    [Fact]
    public async Task A_frame_larger_than_the_buffer_grows_it_and_the_frames_after_it_still_arrive()
    {
        var frames = new[] { Frame(1, 10), Frame(2, 100_000), Frame(3, 10), Frame(4, 50_000), Frame(5, 3) };
        var sender = Task.Run(() =>
        {
            foreach (var frame in frames) _client.Send(frame);
            _client.Shutdown(SocketShutdown.Send);
        });
        using var reader = new SocketFrameReader(_server, maximumFrameSize: 200_000, bufferSize: 1024);

        var received = ReadToEnd(reader);

        await sender;
        Assert.Equal(frames.Select(Body), received);
    }

    [Fact]
    public void A_length_above_the_maximum_fails_before_the_body_is_read()
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(prefix, 5000);
        _client.Send(prefix);
        using var reader = new SocketFrameReader(_server, maximumFrameSize: 4096, bufferSize: 1024);

        var error = Assert.Throws<FrameFormatException>(() => reader.Run(0, static (_, _) => true));
        Assert.Contains("exceeds", error.Message);
    }

    [Fact]
    public void One_frame_can_be_read_alone_and_the_frames_after_it_in_the_same_packet_are_kept()
    {
        _client.Send(Frame(1, 20).Concat(Frame(2, 30)).Concat(Frame(3, 40)).ToArray());
        _client.Shutdown(SocketShutdown.Send);
        using var reader = new SocketFrameReader(_server, maximumFrameSize: 4096, bufferSize: 1024);

        var first = reader.ReadOneFrame();
        var rest = ReadToEnd(reader);

        Assert.Equal(Body(Frame(1, 20)), first);
        Assert.Equal([Body(Frame(2, 30)), Body(Frame(3, 40))], rest);
    }

    [Fact]
    public void A_handler_that_answers_false_stops_the_reading_at_that_frame()
    {
        _client.Send(Frame(1, 20).Concat(Frame(2, 30)).Concat(Frame(3, 40)).ToArray());
        using var reader = new SocketFrameReader(_server, maximumFrameSize: 4096, bufferSize: 1024);

        var seen = new List<byte[]>();
        reader.Run(seen, static (list, body) =>
        {
            list.Add(body.ToArray());
            return list.Count < 2;
        });

        Assert.Equal([Body(Frame(1, 20)), Body(Frame(2, 30))], seen);
        Assert.Equal(Body(Frame(3, 40)), reader.ReadOneFrame());
    }

    [Fact]
    public void Reading_one_frame_from_a_connection_closed_first_gives_null()
    {
        _client.Send(new byte[] { 9, 0 });
        _client.Shutdown(SocketShutdown.Send);
        using var reader = new SocketFrameReader(_server, maximumFrameSize: 4096, bufferSize: 1024);

        Assert.Null(reader.ReadOneFrame());
    }

    private static List<byte[]> ReadToEnd(SocketFrameReader reader)
    {
        var received = new List<byte[]>();
        reader.Run(received, static (list, body) =>
        {
            list.Add(body.ToArray());
            return true;
        });
        return received;
    }

    /// <summary>A frame whose body is <paramref name="length"/> bytes, each the frame's number plus its position.</summary>
    private static byte[] Frame(int number, int length)
    {
        var frame = new byte[FrameDecoder.LengthPrefixSize + length];
        BinaryPrimitives.WriteInt32LittleEndian(frame, length);
        for (var i = 0; i < length; i++) frame[FrameDecoder.LengthPrefixSize + i] = (byte)(number + i);
        return frame;
    }

    private static byte[] Body(byte[] frame) => frame[FrameDecoder.LengthPrefixSize..];
}
