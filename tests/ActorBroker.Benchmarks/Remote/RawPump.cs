using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Actors;
using ActorBroker.Remote.Transport;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// The baseline: length-prefixed frames over one loopback TCP connection with the same socket options, 64 KiB
/// writes and inbound frame reader (a thread of its own with blocking receives) as remoting, but no actors or
/// serialization.
/// A session is an 8-byte frame count and a <see cref="RawHandOff"/> byte, then the frames; the reader answers one
/// byte once the last frame has been read (and, with a hand-off, consumed). TCP's own flow control paces the writer.
/// </summary>
internal static class RawPump
{
    private const int SocketBufferSize = 256 * 1024;
    private const int FlushThreshold = 64 * 1024;
    private const int MaximumFrameSize = 4 * 1024 * 1024;
    private const int HeaderSize = 9;

    public static Socket CreateSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
    {
        NoDelay = true,
        SendBufferSize = SocketBufferSize,
        ReceiveBufferSize = SocketBufferSize,
    };

    /// <summary>Writes <paramref name="count"/> frames of <paramref name="frameSize"/> bytes (prefix included) and waits for the reader's answer.</summary>
    public static async Task<TimeSpan> SendAsync(int port, long count, int frameSize, RawHandOff handOff, CancellationToken cancellationToken)
    {
        using var socket = CreateSocket();
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        var bodySize = frameSize - FrameDecoder.LengthPrefixSize;
        // Frame bodies carry their sequence number in the last 8 bytes, so the reader can check order.
        var template = new byte[bodySize];
        Random.Shared.NextBytes(template);
        var header = writer.GetSpan(HeaderSize);
        BinaryPrimitives.WriteInt64LittleEndian(header, count);
        header[8] = (byte)handOff;
        writer.Advance(HeaderSize);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var pending = 0;
        for (long i = 0; i < count; i++)
        {
            pending += WriteFrame(writer, template, i);
            if (pending >= FlushThreshold)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                pending = 0;
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var answer = new byte[1];
        if (await stream.ReadAsync(answer, cancellationToken).ConfigureAwait(false) != 1)
            throw new IOException("the raw receiver closed the connection before answering");
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        await writer.CompleteAsync().ConfigureAwait(false);
        return elapsed;
    }

    private static int WriteFrame(PipeWriter writer, byte[] template, long sequenceNr)
    {
        var size = FrameDecoder.LengthPrefixSize + template.Length;
        var span = writer.GetSpan(size);
        BinaryPrimitives.WriteInt32LittleEndian(span, template.Length);
        template.CopyTo(span[FrameDecoder.LengthPrefixSize..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[(size - 8)..], sequenceNr);
        writer.Advance(size);
        return size;
    }

    /// <summary>Serves sessions one connection at a time until <paramref name="cancellationToken"/> fires; hand-offs go to actors of <paramref name="system"/>.</summary>
    public static async Task ServeAsync(Socket listener, ActorSystem system, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            socket.NoDelay = true;
            socket.SendBufferSize = SocketBufferSize;
            socket.ReceiveBufferSize = SocketBufferSize;
            // As remoting's inbound connections do: a thread of its own with blocking receives.
            await Task.Factory.StartNew(() => ReceiveSession(socket, system), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
    }

    private static void ReceiveSession(Socket socket, ActorSystem system)
    {
        var header = new byte[HeaderSize];
        for (var read = 0; read < header.Length;)
        {
            var got = socket.Receive(header, read, header.Length - read, SocketFlags.None);
            if (got == 0) throw new IOException("the raw sender closed before its session header");
            read += got;
        }

        var session = new Session(BinaryPrimitives.ReadInt64LittleEndian(header), HandOffSink.For((RawHandOff)header[8], system));
        using var frames = new SocketFrameReader(socket, MaximumFrameSize, 64 * 1024);
        // Parsed with remoting's own frame reader; each frame's sequence number is checked.
        frames.Run(session, static (s, body) =>
        {
            var sequenceNr = BinaryPrimitives.ReadInt64LittleEndian(body[^8..]);
            Check(sequenceNr, ref s.Received);
            s.Sink?.Deliver(sequenceNr);
            return s.Received < s.Count;
        });
        if (session.Received < session.Count) throw new IOException($"the raw sender closed after {session.Received} frames");
        // This thread is the session's own, so it may block until the consumer has caught up.
        session.Sink?.DrainAsync().GetAwaiter().GetResult();
        socket.Send([1]);
    }

    private sealed class Session(long count, HandOffSink? sink)
    {
        public readonly long Count = count;
        public readonly HandOffSink? Sink = sink;
        public long Received;
    }

    private static void Check(long sequenceNr, ref long received)
    {
        if (sequenceNr != received) throw new InvalidDataException($"frame {sequenceNr} arrived where {received} was expected");
        received++;
    }
}
