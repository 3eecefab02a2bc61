using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote.Transport;

/// <summary>The peer closed an established connection.</summary>
internal sealed class PeerClosedException() : IOException("the remote node closed the connection");

/// <summary>
/// Everything this node sends to one remote node: the frames waiting for the wire, one outbound TCP connection
/// (opened on first use, re-opened after failures with a gate in between) and the writer loop that sends them.
/// A send serializes its message on the sender's thread, then, under a short lock, writes its frame into the
/// association's pending frames; the writer takes all pending frames at a time and sends them with one gathering
/// socket write. So a message costs its encoding plus a short lock, with no per-message hand-off between threads,
/// and many small messages share one write. Messages are delivered at most once and in send order.
/// </summary>
internal sealed class Association
{
    private readonly RemoteTransport _transport;
    private readonly RemoteSettings _settings;
    private readonly ILogger _log;
    // Everything below up to _writerWaiting is guarded by _lock. The writer swaps the pending frames for empty
    // ones, so it holds the lock for a moment per write, not per message.
    private readonly Lock _lock = new();
    private readonly MessageEncoder _encoder;
    private OutboundFrames _userFrames;
    private OutboundFrames _systemFrames;
    // The user messages behind _userFrames: their count is what outbound-queue-size bounds, and a failed connection
    // dead-letters them.
    private List<OutboundEnvelope> _userEnvelopes = [];
    private int _queuedSystem;
    private bool _completed;
    private TaskCompletionSource? _writerWaiting;
    // The writer's own: the frames it is sending, swapped back in empty.
    private OutboundFrames _sendingUser;
    private OutboundFrames _sendingSystem;
    private List<OutboundEnvelope> _sendingEnvelopes = [];
    private int _started;
    private long _gateOpensAt;
    private long _remoteUid;
    private Socket? _socket;
    private int _consecutiveFailures;

    public Association(RemoteTransport transport, Address remoteAddress)
    {
        _transport = transport;
        _settings = transport.Settings;
        _log = transport.Log;
        _encoder = new MessageEncoder(transport.Serialization, _settings.MaximumFrameSize);
        _userFrames = new OutboundFrames(_settings.FlushThreshold);
        _systemFrames = new OutboundFrames(_settings.FlushThreshold);
        _sendingUser = new OutboundFrames(_settings.FlushThreshold);
        _sendingSystem = new OutboundFrames(_settings.FlushThreshold);
        RemoteAddress = remoteAddress;
    }

    public Address RemoteAddress { get; }

    /// <summary>The uid of the incarnation the current (or last) connection reached; 0 before the first handshake.</summary>
    public long RemoteUid => Interlocked.Read(ref _remoteUid);

    /// <summary>Completes when the writer loop has drained and closed (after shutdown).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Send(in OutboundEnvelope envelope)
    {
        if (_transport.IsStopped)
        {
            DeadLetter(envelope, "remoting has shut down");
            return;
        }

        EnsureStarted();
        // The clock costs more than the rest of a send, so it is read only while a gate is set.
        var gateOpensAt = Volatile.Read(ref _gateOpensAt);
        if (gateOpensAt != 0 && Environment.TickCount64 < gateOpensAt)
        {
            DeadLetter(envelope, $"{RemoteAddress} could not be reached; sends resume after actorbroker.remote.retry-gate-closed-for");
            return;
        }

        if (_transport.Faults.For(RemoteAddress) is { } fault && fault.DropsOutbound()) return;

        // Serialized before the lock is taken: a serializer is user code that may send, even to this node, and must
        // neither write into a half-encoded frame nor wait for another association's lock while holding this one.
        var notSent = TrySerialize(envelope, out var payload);
        TaskCompletionSource? wake = null;
        if (notSent is null)
        {
            try
            {
                lock (_lock)
                {
                    if (_completed) notSent = "remoting has shut down";
                    else if (_userEnvelopes.Count >= _settings.OutboundQueueSize)
                        notSent = $"the outbound queue to {RemoteAddress} is full (actorbroker.remote.outbound-queue-size = {_settings.OutboundQueueSize}): that node is slow or unreachable";
                    else if ((notSent = TryEncode(envelope, payload, _userFrames)) is null)
                    {
                        _userEnvelopes.Add(envelope);
                        wake = TakeWaitingWriter();
                    }
                }
            }
            finally
            {
                payload?.Return();
            }
        }

        wake?.TrySetResult();
        if (notSent is not null) DeadLetter(envelope, notSent);
    }

    /// <summary>Queues a system message; they are never dropped silently, so overflow quarantines the node.</summary>
    public void SendSystem(in OutboundEnvelope envelope)
    {
        if (_transport.IsStopped) return;
        EnsureStarted();
        var overflow = false;
        string? notSent = null;
        TaskCompletionSource? wake = null;
        lock (_lock)
        {
            if (_completed) return;
            if (_queuedSystem >= _settings.SystemMessageQueueSize) overflow = true;
            else if ((notSent = TryEncode(envelope, payload: null, _systemFrames)) is null)
            {
                _queuedSystem++;
                wake = TakeWaitingWriter();
            }
        }

        wake?.TrySetResult();
        if (overflow)
            _transport.Quarantine(RemoteAddress, RemoteUid == 0 ? null : RemoteUid,
                $"its system message queue overflowed (actorbroker.remote.system-message-queue-size = {_settings.SystemMessageQueueSize})");
        else if (notSent is not null)
            _log.LogWarning("Not sending a system message to {Remote}: {Reason}", RemoteAddress, notSent);
    }

    /// <summary>Closes the current connection (e.g. its incarnation was quarantined); the next send reconnects.</summary>
    public void Reset() => CloseSocket(Volatile.Read(ref _socket), abort: true);

    /// <summary>Stops taking messages; the writer sends what is queued, then closes.</summary>
    public void Complete()
    {
        lock (_lock) _completed = true;
        WakeWriter();
    }

    public void Abort()
    {
        Complete();
        CloseSocket(Volatile.Read(ref _socket), abort: true);
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _started) == 0 && Interlocked.Exchange(ref _started, 1) == 0)
            Completion = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            try
            {
                // Connect only when there is something to send; done when completed with nothing left.
                if (!await WaitForFramesAsync(_transport.StoppingToken).ConfigureAwait(false)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Socket? socket = null;
            try
            {
                socket = await ConnectAsync().ConfigureAwait(false);
                Volatile.Write(ref _socket, socket);
                // Connected, so the gate is open; clearing it spares sends the clock read.
                Interlocked.Exchange(ref _gateOpensAt, 0);
                if (_consecutiveFailures > 0)
                    _log.LogInformation("Reconnected to {Remote} after {Failures} failed attempts", RemoteAddress, _consecutiveFailures);
                _consecutiveFailures = 0;
                if (await WriteLoopAsync(socket).ConfigureAwait(false)) return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (_transport.IsAborted) return;
                if (e is PeerClosedException)
                {
                    // The other node went away after a working connection (e.g. it shut down): routine, not a failure yet.
                    _log.LogInformation("Disconnected from {Remote}: it closed the connection", RemoteAddress);
                    Volatile.Write(ref _socket, null);
                    CloseSocket(socket, abort: false);
                    socket = null;
                    if (_transport.IsStopped) return;
                    await CloseGateAsync().ConfigureAwait(false);
                    continue;
                }

                _consecutiveFailures++;
                // The first failure of a streak is news; the retries after it would flood the log at 3 a.m.
                if (_consecutiveFailures == 1) _log.LogWarning("Association with {Remote} failed: {Reason}", RemoteAddress, Describe(e));
                else _log.LogDebug("Association with {Remote} failed again ({Failures} in a row): {Reason}", RemoteAddress, _consecutiveFailures, Describe(e));
            }
            finally
            {
                Volatile.Write(ref _socket, null);
                CloseSocket(socket, abort: false);
            }

            if (_transport.IsStopped) return;
            await CloseGateAsync().ConfigureAwait(false);
        }
    }

    /// <summary>While the gate is closed, queued user messages are dropped: they would be stale when it opens.</summary>
    private async Task CloseGateAsync()
    {
        Interlocked.Exchange(ref _gateOpensAt, Environment.TickCount64 + (long)_settings.RetryGateClosedFor.TotalMilliseconds);
        List<OutboundEnvelope> dropped;
        lock (_lock)
        {
            dropped = _userEnvelopes;
            _userEnvelopes = [];
            _userFrames.Clear();
        }

        foreach (var envelope in dropped) DeadLetter(envelope, $"the connection to {RemoteAddress} failed");
        if (dropped.Count > 0) _log.LogWarning("Dropped {Count} queued messages to {Remote}: the connection failed", dropped.Count, RemoteAddress);
        try
        {
            await Task.Delay(_settings.RetryGateClosedFor, _transport.StoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<Socket> ConnectAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_transport.StoppingToken);
        timeout.CancelAfter(_settings.ConnectionTimeout);
        var socket = _transport.CreateSocket();
        try
        {
            var endpoint = await RemoteTransport.ResolveAsync(RemoteAddress.Host!, RemoteAddress.Port!.Value, timeout.Token).ConfigureAwait(false);
            await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Handshake.EncodeRequest(_transport.LocalAddress.Address, _transport.LocalAddress.Uid, RemoteAddress), timeout.Token)
                .ConfigureAwait(false);
            var answer = Handshake.DecodeResponse(await ReadFrameAsync(socket, timeout.Token).ConfigureAwait(false));
            switch (answer)
            {
                case Handshake.Accepted accepted:
                    if (!_transport.OnAssociated(new UniqueAddress(RemoteAddress, accepted.Uid), inbound: false))
                        throw new IOException($"{RemoteAddress}#{accepted.Uid} is quarantined; waiting for a new incarnation");
                    Interlocked.Exchange(ref _remoteUid, accepted.Uid);
                    return socket;
                case Handshake.Refused refused:
                    _transport.OnRefused(RemoteAddress, refused);
                    throw new IOException($"{RemoteAddress} refused the association: {refused.Reason}");
                default:
                    throw new FrameFormatException("unexpected handshake answer");
            }
        }
        catch (OperationCanceledException) when (!_transport.StoppingToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"connecting and handshaking took longer than actorbroker.remote.connection-timeout ({_settings.ConnectionTimeout.TotalMilliseconds:0} ms)");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<byte[]> ReadFrameAsync(Socket socket, CancellationToken cancellationToken)
    {
        var prefix = new byte[FrameDecoder.LengthPrefixSize];
        await ReceiveExactlyAsync(socket, prefix, cancellationToken).ConfigureAwait(false);
        var length = BitConverter.ToInt32(prefix);
        if (length <= 0 || length > _settings.MaximumFrameSize) throw new FrameFormatException($"handshake answer has an invalid length {length}");
        var body = new byte[length];
        await ReceiveExactlyAsync(socket, body, cancellationToken).ConfigureAwait(false);
        return body;
    }

    private static async Task ReceiveExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (buffer.Length > 0)
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0) throw new IOException("the remote node closed the connection during the handshake");
            buffer = buffer[read..];
        }
    }

    /// <summary>Sends until the association completes (true: done for good) or the connection fails (throws).</summary>
    private async Task<bool> WriteLoopAsync(Socket socket)
    {
        var peerClosed = Task.Run(() => WaitForPeerCloseAsync(socket));
        // One wake-up when the peer goes, so the writer parks on its own signal alone rather than on two tasks.
        _ = peerClosed.ContinueWith(static (_, self) => ((Association)self!).WakeWriter(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var buffers = new List<ArraySegment<byte>>();
        while (true)
        {
            if (peerClosed.IsCompleted) throw new PeerClosedException();
            Task? wait = null;
            lock (_lock)
            {
                if (_userEnvelopes.Count + _queuedSystem > 0) TakePendingFrames();
                else if (_completed) return true;
                else wait = (_writerWaiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            if (wait is not null)
            {
                await wait.ConfigureAwait(false);
                continue;
            }

            try
            {
                if (_transport.Faults.For(RemoteAddress) is { Delay: var delay } && delay > TimeSpan.Zero)
                    await Task.Delay(delay).ConfigureAwait(false);
                // System messages first: a watch or death notification must not wait behind a full user queue.
                buffers.Clear();
                buffers.AddRange(_sendingSystem.Segments());
                buffers.AddRange(_sendingUser.Segments());
                await SendAllAsync(socket, buffers).ConfigureAwait(false);
            }
            finally
            {
                _sendingSystem.Clear();
                _sendingUser.Clear();
                _sendingEnvelopes.Clear();
            }
        }
    }

    /// <summary>Swaps the pending frames for the writer's empty ones. Caller holds <see cref="_lock"/>.</summary>
    private void TakePendingFrames()
    {
        (_sendingUser, _userFrames) = (_userFrames, _sendingUser);
        (_sendingSystem, _systemFrames) = (_systemFrames, _sendingSystem);
        (_sendingEnvelopes, _userEnvelopes) = (_userEnvelopes, _sendingEnvelopes);
        _queuedSystem = 0;
    }

    /// <summary>True when there are frames to send; false when the association completed with none left.</summary>
    private async Task<bool> WaitForFramesAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_userEnvelopes.Count + _queuedSystem > 0) return true;
                if (_completed) return false;
                wait = (_writerWaiting ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void WakeWriter()
    {
        TaskCompletionSource? wake;
        lock (_lock) wake = TakeWaitingWriter();
        wake?.TrySetResult();
    }

    /// <summary>The writer parked on an empty queue, if it did; the caller wakes it after leaving the lock.</summary>
    private TaskCompletionSource? TakeWaitingWriter()
    {
        var waiting = _writerWaiting;
        _writerWaiting = null;
        return waiting;
    }

    private static async ValueTask SendAllAsync(Socket socket, List<ArraySegment<byte>> buffers)
    {
        // A socket may take less than everything; what it took is trimmed off the front before sending the rest.
        var remaining = buffers;
        while (remaining.Count > 0)
        {
            var sent = await socket.SendAsync(remaining, SocketFlags.None).ConfigureAwait(false);
            if (sent <= 0) throw new IOException("the connection stopped accepting data");
            Trim(remaining, sent);
        }
    }

    private static void Trim(List<ArraySegment<byte>> buffers, int sent)
    {
        var whole = 0;
        while (whole < buffers.Count && sent >= buffers[whole].Count) sent -= buffers[whole++].Count;
        buffers.RemoveRange(0, whole);
        if (sent > 0) buffers[0] = buffers[0][sent..];
    }

    /// <summary>Serializes a user message (see <see cref="MessageEncoder.Serialize"/>); the reason it cannot be sent, or null.</summary>
    private string? TrySerialize(in OutboundEnvelope envelope, out OutboundPayload? payload)
    {
        try
        {
            payload = _encoder.Serialize(envelope);
            return null;
        }
        catch (Actors.Serialization.SerializationException e)
        {
            payload = null;
            return NotSending(envelope, e);
        }
    }

    /// <summary>Encodes one frame into <paramref name="frames"/>; the reason it cannot be sent, or null. Caller holds <see cref="_lock"/>.</summary>
    private string? TryEncode(in OutboundEnvelope envelope, OutboundPayload? payload, OutboundFrames frames)
    {
        try
        {
            _encoder.Encode(envelope, payload, frames);
            return null;
        }
        catch (MessageNotSentException e)
        {
            return NotSending(envelope, e);
        }
    }

    private string NotSending(in OutboundEnvelope envelope, Exception e)
    {
        _log.LogWarning("Not sending {MessageType} to {Recipient}: {Reason}", MessageType(envelope), envelope.Recipient?.Path.ToString() ?? RemoteAddress.ToString(), e.Message);
        return e.Message;
    }

    /// <summary>
    /// The accepting side writes nothing after its handshake answer except, when it quarantines this node, a
    /// refusal just before closing. So a completed read means the peer is gone, and any bytes say why.
    /// </summary>
    private async Task WaitForPeerCloseAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var received = 0;
        try
        {
            int read;
            while ((read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None).ConfigureAwait(false)) > 0)
            {
                received = Math.Min(received + read, buffer.Length - 1);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        if (received > FrameDecoder.LengthPrefixSize)
        {
            try
            {
                if (Handshake.DecodeResponse(buffer.AsSpan(FrameDecoder.LengthPrefixSize, received - FrameDecoder.LengthPrefixSize)) is Handshake.Refused refused)
                    _transport.OnRefused(RemoteAddress, refused);
            }
            catch (FrameFormatException)
            {
            }
        }
    }

    private void DeadLetter(in OutboundEnvelope envelope, string reason)
    {
        if (envelope.Message is RemoteSystemEnvelope) return;
        var message = envelope.Message is RemoteSelectionEnvelope selection ? selection.Message : envelope.Message;
        _transport.DeadLetters.Tell(message, envelope.Sender, (IActorRef?)envelope.Recipient ?? _transport.DeadLetters, reason);
    }

    private static string MessageType(in OutboundEnvelope envelope) => envelope.Message switch
    {
        RemoteSelectionEnvelope selection => selection.Message.GetType().Name,
        var message => message.GetType().Name,
    };

    private static void CloseSocket(Socket? socket, bool abort)
    {
        if (socket is null) return;
        try
        {
            if (abort) socket.LingerState = new LingerOption(true, 0);
            else socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        socket.Dispose();
    }

    private static string Describe(Exception e) => e switch
    {
        SocketException s => $"{s.SocketErrorCode}: {s.Message}",
        _ => e.Message,
    };
}
