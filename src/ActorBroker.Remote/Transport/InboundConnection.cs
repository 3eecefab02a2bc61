using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// One accepted connection: checks the handshake, answers it, then reads frames and hands them to an
/// <see cref="InboundDispatcher"/>. Any malformed, oversized or unknown frame closes this connection with a
/// logged reason; nothing that arrives here can stop the node.
/// </summary>
internal sealed class InboundConnection(RemoteTransport transport, Socket socket)
{
    private readonly ILogger _log = transport.Log;
    private readonly string _endpoint = socket.RemoteEndPoint?.ToString() ?? "unknown endpoint";

    public UniqueAddress? Remote { get; private set; }

    public async Task RunAsync()
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        try
        {
            var remote = await HandshakeAsync(reader, stream).ConfigureAwait(false);
            if (remote is null) return;
            Remote = remote;
            await ReadFramesAsync(reader, new InboundDispatcher(transport.Provider, remote, _log), remote).ConfigureAwait(false);
        }
        catch (FrameFormatException e)
        {
            _log.LogWarning("Closing the connection from {Endpoint} ({Remote}): {Reason}", _endpoint, Remote?.ToString() ?? "before handshake", e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            _log.LogDebug("Connection from {Endpoint} ({Remote}) ended: {Reason}", _endpoint, Remote?.ToString() ?? "before handshake", e.Message);
        }
        catch (Exception e)
        {
            // A bug in delivery must not take the node down either: log it loudly and drop the connection.
            _log.LogError(e, "Closing the connection from {Endpoint} ({Remote}) after an unexpected error", _endpoint, Remote?.ToString() ?? "before handshake");
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            transport.OnInboundClosed(this);
        }
    }

    /// <summary>Tells the peer it was quarantined (so it can report why it lost us), then resets the connection.</summary>
    public void Refuse(string reason)
    {
        try
        {
            socket.Send(Handshake.EncodeRefused(reason, quarantined: true), SocketFlags.None);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        Abort();
    }

    public void Abort()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    private async Task<UniqueAddress?> HandshakeAsync(PipeReader reader, NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(transport.StoppingToken);
        timeout.CancelAfter(transport.Settings.ConnectionTimeout);
        Handshake.Request request;
        try
        {
            request = await ReadOneFrameAsync(reader, body => Handshake.DecodeRequest(body), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!transport.StoppingToken.IsCancellationRequested)
        {
            throw new FrameFormatException($"no handshake within actorbroker.remote.connection-timeout ({transport.Settings.ConnectionTimeout.TotalMilliseconds:0} ms)");
        }

        var refusal = transport.CheckHandshake(request);
        if (refusal is not null)
        {
            _log.LogWarning("Refused the association from {Remote} at {Endpoint}: {Reason}", $"{request.From}#{request.FromUid}", _endpoint, refusal.Reason);
            await stream.WriteAsync(Handshake.EncodeRefused(refusal.Reason, refusal.Quarantined), timeout.Token).ConfigureAwait(false);
            return null;
        }

        await stream.WriteAsync(Handshake.EncodeAccepted(transport.LocalAddress.Address, transport.LocalAddress.Uid), timeout.Token).ConfigureAwait(false);
        return new UniqueAddress(request.From, request.FromUid);
    }

    private async Task<T> ReadOneFrameAsync<T>(PipeReader reader, Func<byte[], T> decode, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameDecoder.TryReadFrame(ref buffer, transport.Settings.MaximumFrameSize, out var body))
            {
                var value = decode(body.ToArray());
                reader.AdvanceTo(buffer.Start);
                return value;
            }

            if (result.IsCompleted) throw new IOException("the connection closed before the handshake completed");
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task ReadFramesAsync(PipeReader reader, InboundDispatcher dispatcher, UniqueAddress remote)
    {
        var maximumFrameSize = transport.Settings.MaximumFrameSize;
        while (true)
        {
            var result = await reader.ReadAsync(transport.StoppingToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (true)
                {
                    // The whole frames in the first segment are read off its span, with one slice for all of them.
                    var span = buffer.FirstSpan;
                    var consumed = 0;
                    while (FrameDecoder.TryReadFrame(span[consumed..], maximumFrameSize, out var body))
                    {
                        consumed += FrameDecoder.LengthPrefixSize + body.Length;
                        if (ShouldDeliver(remote)) dispatcher.Dispatch(body);
                    }

                    buffer = buffer.Slice(consumed);
                    // Then a frame that straddles two segments, if it is complete.
                    if (!FrameDecoder.TryReadFrame(ref buffer, maximumFrameSize, out var split)) break;
                    if (ShouldDeliver(remote)) Dispatch(dispatcher, split);
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }

            if (result.IsCompleted) return;
        }
    }

    private bool ShouldDeliver(UniqueAddress remote)
    {
        if (transport.IsQuarantined(remote)) throw new FrameFormatException($"{remote} has been quarantined");
        return transport.Faults.For(remote.Address) is not { } fault || !fault.DropsInbound();
    }

    private static void Dispatch(InboundDispatcher dispatcher, ReadOnlySequence<byte> body)
    {
        if (body.IsSingleSegment)
        {
            dispatcher.Dispatch(body.FirstSpan);
            return;
        }

        // A frame split across pipe segments is copied once into a pooled buffer.
        var length = (int)body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(rented);
            dispatcher.Dispatch(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
