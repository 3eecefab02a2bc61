using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote.Transport;

/// <summary>
/// One accepted connection, served by a thread of its own: checks the handshake, answers it, then reads frames
/// and hands them to an <see cref="InboundDispatcher"/>. Any malformed, oversized or unknown frame closes this connection with a
/// logged reason; nothing that arrives here can stop the node.
/// </summary>
internal sealed class InboundConnection(RemoteTransport transport, Socket socket)
{
    private readonly ILogger _log = transport.Log;
    private readonly string _endpoint = socket.RemoteEndPoint?.ToString() ?? "unknown endpoint";

    public UniqueAddress? Remote { get; private set; }

    /// <summary>Serves the connection on a thread of its own (see <see cref="SocketFrameReader"/>); completes when it ends.</summary>
    public Task RunAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Run();
            done.TrySetResult();
        })
        {
            IsBackground = true,
            Name = "abroker-remote-in",
        };
        thread.Start();
        return done.Task;
    }

    private void Run()
    {
        var frames = new SocketFrameReader(socket, transport.Settings.MaximumFrameSize, 64 * 1024);
        try
        {
            var remote = AnswerHandshake(frames);
            if (remote is null) return;
            Remote = remote;
            var dispatcher = new InboundDispatcher(transport.Provider, remote, _log);
            frames.Run((connection: this, dispatcher, remote), static (state, body) =>
            {
                if (state.connection.ShouldDeliver(state.remote)) state.dispatcher.Dispatch(body);
                return true;
            });
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
            frames.Dispose();
            socket.Dispose();
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

    private UniqueAddress? AnswerHandshake(SocketFrameReader frames)
    {
        var timeout = transport.Settings.ConnectionTimeout;
        socket.ReceiveTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
        Handshake.Request request;
        try
        {
            var body = frames.ReadOneFrame() ?? throw new IOException("the connection closed before the handshake completed");
            request = Handshake.DecodeRequest(body);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            throw new FrameFormatException($"no handshake within actorbroker.remote.connection-timeout ({timeout.TotalMilliseconds:0} ms)");
        }

        socket.ReceiveTimeout = 0;
        var refusal = transport.CheckHandshake(request);
        if (refusal is not null)
        {
            _log.LogWarning("Refused the association from {Remote} at {Endpoint}: {Reason}", $"{request.From}#{request.FromUid}", _endpoint, refusal.Reason);
            socket.Send(Handshake.EncodeRefused(refusal.Reason, refusal.Quarantined));
            return null;
        }

        socket.Send(Handshake.EncodeAccepted(transport.LocalAddress.Address, transport.LocalAddress.Uid));
        return new UniqueAddress(request.From, request.FromUid);
    }

    private bool ShouldDeliver(UniqueAddress remote)
    {
        if (transport.IsQuarantined(remote)) throw new FrameFormatException($"{remote} has been quarantined");
        return transport.Faults.For(remote.Address) is not { } fault || !fault.DropsInbound();
    }
}
