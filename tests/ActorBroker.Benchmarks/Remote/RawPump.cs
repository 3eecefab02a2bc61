using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using ActorBroker.Remote.Transport;

namespace ActorBroker.Benchmarks.Remote;

/// <summary>
/// The baseline: length-prefixed frames over one loopback TCP connection with the same socket options,
/// pipe sizes, flush threshold and frame decoder as remoting, but no queue, actors or serialization.
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
            await ReceiveSessionAsync(socket, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ReceiveSessionAsync(Socket socket, CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        long? count = null;
        long received = 0;
        while (count is null || received < count)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (count is null && buffer.Length >= 8)
            {
                count = ReadInt64(buffer.Slice(0, 8));
                buffer = buffer.Slice(8);
            }

            // Parsed as InboundConnection does: whole frames off the first segment's span, then one straddling frame.
            while (count is not null)
            {
                var span = buffer.FirstSpan;
                var consumed = 0;
                while (FrameDecoder.TryReadFrame(span[consumed..], MaximumFrameSize, out var body))
                {
                    consumed += FrameDecoder.LengthPrefixSize + body.Length;
                    Check(BinaryPrimitives.ReadInt64LittleEndian(body[^8..]), ref received);
                }

                buffer = buffer.Slice(consumed);
                if (!FrameDecoder.TryReadFrame(ref buffer, MaximumFrameSize, out var split)) break;
                Check(ReadInt64(split.Slice(split.Length - 8)), ref received);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted && (count is null || received < count)) throw new IOException($"the raw sender closed after {received} frames");
        }

        await stream.WriteAsync(new byte[] { 1 }, cancellationToken).ConfigureAwait(false);
        await reader.CompleteAsync().ConfigureAwait(false);
    }

    private static void Check(long sequenceNr, ref long received)
    {
        if (sequenceNr != received) throw new InvalidDataException($"frame {sequenceNr} arrived where {received} was expected");
        received++;
    }

    private static long ReadInt64(ReadOnlySequence<byte> bytes)
    {
        Span<byte> span = stackalloc byte[8];
        bytes.CopyTo(span);
        return BinaryPrimitives.ReadInt64LittleEndian(span);
    }
}
