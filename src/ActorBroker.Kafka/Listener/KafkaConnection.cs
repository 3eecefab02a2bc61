using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using Akka.Event;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// One client connection. The read loop frames and parses requests and starts their handling; the write loop sends
/// the responses in request order, as Kafka requires of a pipelining client. Between them a queue of pending
/// responses and a count of free slots: when max-in-flight-requests-per-connection requests are started and not yet
/// answered, the read loop starts no other and stops reading, and TCP holds the client back. A request that is malformed, of an unknown API or an unserved version closes this connection
/// alone, after the responses to the requests before it went out, with one log line. Bytes of a partly arrived request
/// are held against the listener's <see cref="RequestBytesBudget"/>; <see cref="ConnectionDeadlines"/> says when the
/// listener must close the connection (<see cref="Abort"/>).
/// </summary>
internal sealed class KafkaConnection
{
    /// <summary>
    /// Bytes asked of the socket per read: a pipelining producer sends many requests per read. Zero-byte reads first
    /// wait for data, so an idle connection holds no read buffer at all.
    /// </summary>
    public const int ReadBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly KafkaSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly EndPoint? _remote;
    private readonly RequestParser _parser;
    private readonly Channel<PendingResponse> _pending;
    private readonly SemaphoreSlim _inFlight;
    private readonly CancellationTokenSource _abort = new();
    private readonly RequestBytesBudget _budget;
    private readonly ConnectionDeadlines _deadlines;
    private long _reserved;
    private bool _firstRequest = true;
    private readonly SslServerAuthenticationOptions? _tls;

    public KafkaConnection(Socket socket, KafkaApis apis, KafkaSettings settings, ILoggingAdapter log, RequestBytesBudget budget, TimeProvider time,
        SslServerAuthenticationOptions? tls = null)
    {
        _tls = tls;
        _socket = socket;
        _settings = settings;
        _log = log;
        _budget = budget;
        _remote = socket.RemoteEndPoint;
        _deadlines = new ConnectionDeadlines(settings, time);
        _parser = new RequestParser(apis, settings.RequestTimeout, _remote);
        // Until a connection has sent one well-formed request it may not make the node buffer much (the handshake frame limit).
        _parser.Limit(Math.Min(settings.FirstRequestMaxBytes, settings.SocketRequestMaxBytes), "first-request-max-bytes");
        // The slots bound the queue: a request takes one before it starts and gives it back once its response is sent.
        _inFlight = new SemaphoreSlim(settings.MaxInFlightRequestsPerConnection, settings.MaxInFlightRequestsPerConnection);
        _pending = Channel.CreateUnbounded<PendingResponse>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    /// <summary>The remote endpoint, for the listener's log lines.</summary>
    public EndPoint? Remote => _remote;

    /// <summary>Why this connection is past one of its deadlines at <paramref name="now"/> (a <see cref="TimeProvider"/> timestamp), or null.</summary>
    public Expiry? Expired(long now) => _deadlines.Expired(now, busy: _inFlight.CurrentCount < _settings.MaxInFlightRequestsPerConnection);

    /// <summary>Runs both loops until the client leaves, the connection is rejected or <see cref="Abort"/> is called.</summary>
    public async Task RunAsync()
    {
        var stream = await OpenAsync().ConfigureAwait(false);
        if (stream is null)
        {
            Close();
            return;
        }

        var reader = PipeReader.Create(stream,
            new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: 16 * 1024, leaveOpen: true, useZeroByteReads: true));
        var writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
        try
        {
            var writing = Task.Run(() => WriteLoopAsync(writer));
            await ReadLoopAsync(reader).ConfigureAwait(false);
            await writing.ConfigureAwait(false);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            try
            {
                // Completing flushes what an aborted write loop left in the pipe, to a peer that may be gone.
                await writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
            {
                _log.Debug("Kafka connection from {0}: responses still buffered were not sent: {1}", _remote, e.Message);
            }

            await stream.DisposeAsync().ConfigureAwait(false);
            Close();
            // The read loop has ended: nothing else touches the reservation.
            if (_reserved != 0) _budget.Release(_reserved);
        }
    }

    /// <summary>The socket's stream; on a TLS listener once the handshake is done, null when it failed (logged).</summary>
    private async Task<Stream?> OpenAsync()
    {
        var network = new NetworkStream(_socket, ownsSocket: false);
        if (_tls is null) return network;
        var tls = new SslStream(network, leaveInnerStreamOpen: false);
        // A client that never finishes its handshake is let go when its first request would be due.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        deadline.CancelAfter(_settings.FirstRequestTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(_tls, deadline.Token).ConfigureAwait(false);
            if (tls.RemoteCertificate is X509Certificate2 certificate) _parser.PresentedCertificate(CertificatePrincipal.Of(certificate));
            return tls;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (!_abort.IsCancellationRequested)
                _log.Warning("Kafka connection from {0} closed: the TLS handshake failed: {1}", _remote,
                    e is OperationCanceledException ? $"not done within {_settings.FirstRequestTimeout} ({KafkaSettings.Section}.first-request-timeout)" : e.Message);
            await tls.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>Stops both loops at once and closes the socket (the listener stops, or a deadline passed).</summary>
    public void Abort()
    {
        _abort.Cancel();
        Close();
    }

    private async Task ReadLoopAsync(PipeReader reader)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(_abort.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    var arrived = false;
                    while (_parser.TryTakeFrame(ref buffer, out var frame))
                    {
                        // Once per read, not per request: a timestamp for the idle and receive deadlines.
                        if (!arrived) _deadlines.RequestsArrived();
                        arrived = true;
                        // Waits while every slot is taken: nothing more is read, so the client's sends back up.
                        if (!_inFlight.Wait(0)) await _inFlight.WaitAsync(_abort.Token).ConfigureAwait(false);
                        var pending = _parser.Start(frame);
                        _pending.Writer.TryWrite(pending);
                        // The write loop sends this last response (a failed authentication); then the connection closes.
                        if (pending.ClosesConnection) return;
                        if (_firstRequest)
                        {
                            // A well-formed request came: from now on a request may be as large as any client's (until a
                            // SASL client has logged in, sasl-max-receive-size bounds it still).
                            _firstRequest = false;
                            _parser.Limit(_settings.SocketRequestMaxBytes, "socket-request-max-bytes");
                        }
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    if (!buffer.IsEmpty) _log.Debug("Kafka connection from {0} ended inside a request ({1} bytes of it arrived)", _remote, buffer.Length);
                    return;
                }

                _deadlines.AwaitingBytes(partial: !buffer.IsEmpty);
                // Capped at the whole budget: the largest request (a few bytes of its prefix short) must still be able to arrive.
                await HoldAsync(buffer.IsEmpty ? 0 : Math.Min(buffer.Length + ReadBufferSize, _budget.Limit)).ConfigureAwait(false);
            }
        }
        catch (KafkaProtocolException e)
        {
            LogRejected($"malformed request: {e.Message}");
        }
        catch (ConnectionRejectedException e)
        {
            LogRejected(e.Message);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _log.Debug("Kafka connection from {0} failed while reading: {1}", _remote, e.Message);
        }
        catch (Exception e)
        {
            LogRejected($"the request could not be parsed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            _pending.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Holds <paramref name="bytes"/> of the listener's budget, what this connection buffers of a partly arrived
    /// request plus the read buffer its next read fills, waiting for it when others hold the rest; gives back what it no
    /// longer needs. A connection between requests holds nothing.
    /// </summary>
    private ValueTask HoldAsync(long bytes)
    {
        var more = bytes - _reserved;
        if (more == 0) return ValueTask.CompletedTask;
        if (more > 0) return ReserveAsync(more, bytes);
        _budget.Release(-more);
        _reserved = bytes;
        return ValueTask.CompletedTask;
    }

    private async ValueTask ReserveAsync(long more, long bytes)
    {
        await _budget.ReserveAsync(more, _abort.Token).ConfigureAwait(false);
        _reserved = bytes;
    }

    private async Task WriteLoopAsync(PipeWriter writer)
    {
        try
        {
            while (await _pending.Reader.WaitToReadAsync(_abort.Token).ConfigureAwait(false))
            {
                while (_pending.Reader.TryRead(out var pending))
                {
                    var response = await ResponseOf(pending).ConfigureAwait(false);
                    _inFlight.Release();
                    if (response is null) continue;
                    Write(writer, pending, response);
                    // Several responses ready at once leave in one send; otherwise this one goes now.
                    if (!_pending.Reader.TryPeek(out var next) || !next.Response.IsCompleted)
                    {
                        var flushed = await writer.FlushAsync(_abort.Token).ConfigureAwait(false);
                        if (flushed.IsCompleted) return;
                    }
                }
            }

            await writer.FlushAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
        catch (ConnectionRejectedException e)
        {
            _log.Warning("Kafka connection from {0} closed: {1}", _remote, e.Message);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            _log.Debug("Kafka connection from {0} failed while writing: {1}", _remote, e.Message);
        }
        catch (Exception e)
        {
            // A response that cannot be written (a codec's bug) ends this connection, never the listener.
            _log.Error(e, "Kafka connection from {0} closed: a response could not be written", _remote);
        }
        finally
        {
            // The read loop may wait for a free slot, or for bytes: neither will come.
            _abort.Cancel();
        }
    }

    /// <summary>
    /// The handler's response; a timeout or failure becomes the API's error response (REQUEST_TIMED_OUT or
    /// UNKNOWN_SERVER_ERROR) or, for an API that cannot say so, closes the connection.
    /// </summary>
    private async Task<IKafkaResponse?> ResponseOf(PendingResponse pending)
    {
        try
        {
            // A closing connection does not wait for its handlers: their answers have nowhere to go.
            return await pending.Response.WaitAsync(_abort.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!_abort.IsCancellationRequested)
        {
            var timedOut = BrokerTimeouts.IsTimeout(e) || e is TaskCanceledException;
            var code = timedOut ? (short)Protocol.ErrorCode.RequestTimedOut : (short)Protocol.ErrorCode.UnknownServerError;
            var api = $"{pending.Handler.Range.Key} v{pending.Header.ApiVersion} (correlation id {pending.Header.CorrelationId})";
            if (timedOut) _log.Warning("Kafka {0} from {1} got no answer from the broker within {2}", api, _remote, _settings.RequestTimeout);
            else _log.Error(e, "Kafka {0} from {1} failed", api, _remote);
            return (pending.Request is null ? null : pending.Handler.ErrorResponse(pending.Request, pending.ResponseVersion, code))
                   ?? throw new ConnectionRejectedException($"{api} {(timedOut ? "timed out" : "failed")} and {pending.Handler.Range.Key} has no error response");
        }
    }

    private static void Write(PipeWriter output, PendingResponse pending, IKafkaResponse response)
    {
        var version = pending.ResponseVersion;
        if (response is SaslRawToken)
        {
            // After a SaslHandshake v0 the server's tokens go out bare: a size prefix and the token, no header.
            using var bare = new KafkaWriter(flexible: false, response.WriterCapacity);
            response.Write(bare, version);
            output.Write(bare.Frame().Span);
            return;
        }

        using var writer = new KafkaWriter(pending.Handler.Range.IsFlexible(version), response.WriterCapacity);
        RequestHeader.WriteResponseHeader(writer, pending.Header.CorrelationId, pending.Handler.FlexibleResponseHeader(version));
        response.Write(writer, version);
        output.Write(writer.Frame().Span);
    }

    private void LogRejected(string reason)
    {
        var api = _parser.Current is { } current ? $"api key {current.ApiKey} v{current.ApiVersion}" : "before an API key";
        _log.Warning("Kafka connection from {0} closed ({1}): {2}", _remote, api, reason);
    }

    private void Close()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed by the peer or by Abort.
        }

        _socket.Dispose();
    }
}
