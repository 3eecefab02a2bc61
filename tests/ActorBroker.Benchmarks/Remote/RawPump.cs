using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Remote.Transport;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// The baseline: length-prefixed frames over one loopback TCP connection with the same socket options, 64 KiB
/// writes and inbound frame reader (a thread of its own with blocking receives) as remoting, but no actors or
/// serialization.
/// A session is an 8-byte frame count, then the frames; the reader answers one byte after the last frame.
/// TCP's own flow control paces the writer.
/// </summary>
internal static class RawPump
{
    private const int SocketBufferSize = 256 * 1024;
    private const int FlushThreshold = 64 * 1024;
    private const int MaximumFrameSize = 4 * 1024 * 1024;

    public static Socket CreateSocket() => new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
    {
        NoDelay = true,
        SendBufferSize = SocketBufferSize,
        ReceiveBufferSize = SocketBufferSize,
    };

    /// <summary>Writes <paramref name="count"/> frames of <paramref name="frameSize"/> bytes (prefix included) and waits for the reader's answer.</summary>
    public static async Task<TimeSpan> SendAsync(int port, long count, int frameSize, CancellationToken cancellationToken)
    {
        using var socket = CreateSocket();
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken).ConfigureAwait(false);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        var bodySize = frameSize - FrameDecoder.LengthPrefixSize;
        // Frame bodies carry their sequence number in the last 8 bytes, so the reader can check order.
        var template = new byte[bodySize];
        Random.Shared.NextBytes(template);
        BinaryPrimitives.WriteInt64LittleEndian(writer.GetSpan(8), count);
        writer.Advance(8);
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

    /// <summary>Serves sessions one connection at a time until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task ServeAsync(Socket listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            socket.NoDelay = true;
            socket.SendBufferSize = SocketBufferSize;
            socket.ReceiveBufferSize = SocketBufferSize;
            // As remoting's inbound connections do: a thread of its own with blocking receives.
            await Task.Factory.StartNew(() => ReceiveSession(socket), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                .ConfigureAwait(false);
        }
    }

    private static void ReceiveSession(Socket socket)
    {
        var header = new byte[8];
        for (var read = 0; read < header.Length;)
        {
            var got = socket.Receive(header, read, header.Length - read, SocketFlags.None);
            if (got == 0) throw new IOException("the raw sender closed before its frame count");
            read += got;
        }

        var session = new Session(BinaryPrimitives.ReadInt64LittleEndian(header));
        using var frames = new SocketFrameReader(socket, MaximumFrameSize, 64 * 1024);
        // Parsed with remoting's own frame reader; each frame's sequence number is checked.
        frames.Run(session, static (s, body) =>
        {
            Check(BinaryPrimitives.ReadInt64LittleEndian(body[^8..]), ref s.Received);
            return s.Received < s.Count;
        });
        if (session.Received < session.Count) throw new IOException($"the raw sender closed after {session.Received} frames");
        socket.Send([1]);
    }

    private sealed class Session(long count)
    {
        public readonly long Count = count;
        public long Received;
    }

    private static void Check(long sequenceNr, ref long received)
    {
        if (sequenceNr != received) throw new InvalidDataException($"frame {sequenceNr} arrived where {received} was expected");
        received++;
    }
}
