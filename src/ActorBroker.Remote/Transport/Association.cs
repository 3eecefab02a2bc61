using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using ActorBroker.Actors;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Remote.Transport;

/// <summary>The peer closed an established connection.</summary>
internal sealed class PeerClosedException() : IOException("the remote node closed the connection");

/// <summary>
/// Everything this node sends to one remote address: bounded queues, one outbound TCP connection (opened on
/// first use, re-opened after failures with a gate in between) and the writer loop that coalesces queued
/// messages into as few socket writes as possible. Messages are delivered at most once and in send order.
/// </summary>
internal sealed class Association
{
    private readonly RemoteTransport _transport;
    private readonly RemoteSettings _settings;
    private readonly ILogger _log;
    // User messages and wake signals. Sends count user messages in, the writer counts them out with a plain store
    // (an interlocked count shared by both sides bounced its cache line twice per message); the difference is
    // what outbound-queue-size bounds.
    private readonly OutboundQueue _queue = new();
    private readonly ConcurrentQueue<OutboundEnvelope> _systemQueue = new();
    private long _userEnqueued;
    private long _userDequeued;
    private int _systemCount;
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
        RemoteAddress = remoteAddress;
    }

    public Address RemoteAddress { get; }

    /// <summary>The uid of the incarnation the current (or last) connection reached; 0 before the first handshake.</summary>
    public long RemoteUid => Interlocked.Read(ref _remoteUid);

    private long QueuedUserMessages => Volatile.Read(ref _userEnqueued) - Volatile.Read(ref _userDequeued);

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
        // The clock costs more than the rest of a send, so it is read only while a gate is set. Volatile.Read because
        // Interlocked.Read is a compare-exchange: it took this cache line from the writer's core on every send.
        var gateOpensAt = Volatile.Read(ref _gateOpensAt);
        if (gateOpensAt != 0 && Environment.TickCount64 < gateOpensAt)
        {
            DeadLetter(envelope, $"{RemoteAddress} could not be reached; sends resume after actorbroker.remote.retry-gate-closed-for");
            return;
        }

        if (Interlocked.Increment(ref _userEnqueued) - Volatile.Read(ref _userDequeued) > _settings.OutboundQueueSize)
        {
            Interlocked.Decrement(ref _userEnqueued);
            DeadLetter(envelope, $"the outbound queue to {RemoteAddress} is full (actorbroker.remote.outbound-queue-size = {_settings.OutboundQueueSize}): that node is slow or unreachable");
            return;
        }

        if (!_queue.TryWrite(envelope))
        {
            Interlocked.Decrement(ref _userEnqueued);
            DeadLetter(envelope, "remoting has shut down");
        }
    }

    /// <summary>Queues a system message; they are never dropped silently, so overflow quarantines the node.</summary>
    public void SendSystem(in OutboundEnvelope envelope)
    {
        if (_transport.IsStopped) return;
        if (Interlocked.Increment(ref _systemCount) > _settings.SystemMessageQueueSize)
        {
            Interlocked.Decrement(ref _systemCount);
            _transport.Quarantine(RemoteAddress, RemoteUid == 0 ? null : RemoteUid,
                $"its system message queue overflowed (actorbroker.remote.system-message-queue-size = {_settings.SystemMessageQueueSize})");
            return;
        }

        _systemQueue.Enqueue(envelope);
        EnsureStarted();
        // A wake signal takes no user-queue slot; the writer checks the system queue before every message anyway.
        _queue.TryWrite(new OutboundEnvelope(null, WakeSignal.Instance, null));
    }

    /// <summary>Closes the current connection (e.g. its incarnation was quarantined); the next send reconnects.</summary>
    public void Reset() => CloseSocket(Volatile.Read(ref _socket), abort: true);

    /// <summary>Stops taking messages; the writer sends what is queued, then closes.</summary>
    public void Complete() => _queue.Complete();

    public void Abort()
    {
        _queue.Complete();
        CloseSocket(Volatile.Read(ref _socket), abort: true);
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _started) == 0 && Interlocked.Exchange(ref _started, 1) == 0)
            Completion = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (!_transport.IsStopped || _systemCount > 0 || QueuedUserMessages > 0)
        {
            if (_systemQueue.IsEmpty && QueuedUserMessages == 0)
            {
                try
                {
                    if (!await _queue.WaitToReadAsync(_transport.StoppingToken).ConfigureAwait(false)) return;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
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
        var dropped = 0;
        while (_queue.TryRead(out var envelope))
        {
            if (envelope.Message is WakeSignal) continue;
            CountDequeued();
            DeadLetter(envelope, $"the connection to {RemoteAddress} failed");
            dropped++;
        }

        if (dropped > 0) _log.LogWarning("Dropped {Count} queued messages to {Remote}: the connection failed", dropped, RemoteAddress);
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

    /// <summary>Writes until the queue completes (true: done for good) or the connection fails (throws).</summary>
    private async Task<bool> WriteLoopAsync(Socket socket)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        var encoder = new MessageEncoder(_transport.Serialization, _settings.MaximumFrameSize);
        var peerClosed = Task.Run(() => WaitForPeerCloseAsync(socket));
        try
        {
            while (true)
            {
                var pending = 0;
                while (TryDequeue(out var envelope))
                {
                    pending += await WriteOneAsync(encoder, writer, envelope).ConfigureAwait(false);
                    if (pending >= _settings.FlushThreshold)
                    {
                        await FlushAsync(writer).ConfigureAwait(false);
                        pending = 0;
                    }
                }

                if (pending > 0) await FlushAsync(writer).ConfigureAwait(false);
                var more = _queue.WaitToReadAsync();
                if (!more.IsCompleted)
                {
                    var moreTask = more.AsTask();
                    if (await Task.WhenAny(moreTask, peerClosed).ConfigureAwait(false) == peerClosed)
                        throw new PeerClosedException();
                    if (!await moreTask.ConfigureAwait(false)) return DrainSystemQueueDone();
                }
                else if (!more.Result)
                {
                    return DrainSystemQueueDone();
                }
            }
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }

        bool DrainSystemQueueDone() => _systemQueue.IsEmpty;
    }

    private ValueTask<int> WriteOneAsync(MessageEncoder encoder, PipeWriter writer, in OutboundEnvelope envelope)
    {
        if (envelope.Message is WakeSignal) return new(0);
        // Without an injected fault a message is encoded synchronously: no async state machine per message.
        return _transport.Faults.For(RemoteAddress) is { } fault
            ? WriteWithFaultAsync(encoder, writer, envelope, fault)
            : new(Encode(encoder, writer, envelope));
    }

    private async ValueTask<int> WriteWithFaultAsync(MessageEncoder encoder, PipeWriter writer, OutboundEnvelope envelope, LinkFault fault)
    {
        if (fault.DropsOutbound()) return 0;
        if (fault.Delay > TimeSpan.Zero)
        {
            await FlushAsync(writer).ConfigureAwait(false);
            await Task.Delay(fault.Delay).ConfigureAwait(false);
        }

        return Encode(encoder, writer, envelope);
    }

    private int Encode(MessageEncoder encoder, PipeWriter writer, in OutboundEnvelope envelope)
    {
        try
        {
            return encoder.Encode(envelope, writer);
        }
        catch (Exception e) when (e is MessageNotSentException or Actors.Serialization.SerializationException)
        {
            _log.LogWarning("Not sending {MessageType} to {Recipient}: {Reason}", MessageType(envelope), envelope.Recipient?.Path.ToString() ?? RemoteAddress.ToString(), e.Message);
            DeadLetter(envelope, e.Message);
            return 0;
        }
    }

    private static async ValueTask FlushAsync(PipeWriter writer)
    {
        var result = await writer.FlushAsync().ConfigureAwait(false);
        if (result.IsCompleted || result.IsCanceled) throw new IOException("the connection stopped accepting data");
    }

    private bool TryDequeue(out OutboundEnvelope envelope)
    {
        // System messages first: a watch or death notification must not wait behind a full user queue.
        if (_systemQueue.TryDequeue(out envelope))
        {
            Interlocked.Decrement(ref _systemCount);
            return true;
        }

        if (!_queue.TryRead(out envelope)) return false;
        if (envelope.Message is not WakeSignal) CountDequeued();
        return true;
    }

    // Only the writer loop dequeues, so a plain increment published with a release store is enough.
    private void CountDequeued() => Volatile.Write(ref _userDequeued, _userDequeued + 1);

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
        if (envelope.Message is WakeSignal or RemoteSystemEnvelope) return;
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
