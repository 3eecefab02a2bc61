using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ActorBroker.Broker.Internal;
using ActorBroker.Kafka.Apis;
using Akka.Event;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// The TCP listener of the Kafka door: accepts connections and runs a <see cref="KafkaConnection"/> for each until it
/// ends. A connection's failure is its own; the listener and the other connections go on. It also keeps the limits:
/// connections in total and per address (<see cref="ConnectionQuota"/>), bytes of partly arrived requests over all
/// connections (<see cref="RequestBytesBudget"/>), and each connection's deadlines, which a reaper checks a few times
/// per shortest timeout so the read path only writes timestamps.
/// </summary>
internal sealed class KafkaListener : IAsyncDisposable
{
    /// <summary>How often at most one kind of flood (refused connections, deadlines) gets a warning line.</summary>
    private static readonly TimeSpan FloodLogInterval = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly KafkaApis _apis;
    private readonly KafkaSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly TimeProvider _time;
    private readonly Func<Socket, CancellationToken, ValueTask<Socket>> _accept;
    private readonly AcceptBackoff _backoff;
    private readonly SslServerAuthenticationOptions? _tls;
    private readonly ConcurrentDictionary<KafkaConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConnectionQuota _quota;
    private readonly ThrottledLog _refusedLog;
    private readonly ThrottledLog _expiredLog;
    private Task _accepting = Task.CompletedTask;
    private Task _reaping = Task.CompletedTask;

    private KafkaListener(Socket socket, KafkaApis apis, KafkaSettings settings, ILoggingAdapter log, ListenerSeams seams, SslServerAuthenticationOptions? tls)
    {
        _tls = tls;
        _socket = socket;
        _apis = apis;
        _settings = settings;
        _log = log;
        _time = seams.Time;
        _accept = seams.Accept;
        _backoff = seams.Backoff;
        _quota = new ConnectionQuota(settings.MaxConnections, settings.MaxConnectionsPerIp, KafkaSettings.Section);
        Budget = new RequestBytesBudget(settings.QueuedMaxRequestBytes);
        _refusedLog = new ThrottledLog(log, FloodLogInterval, _time);
        _expiredLog = new ThrottledLog(log, FloodLogInterval, _time);
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port bound (the port chosen when the setting said 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Connections open now (counted against max-connections).</summary>
    public int OpenConnections => _quota.Open;

    /// <summary>The bytes of partly arrived requests buffered by all connections (queued-max-request-bytes).</summary>
    internal RequestBytesBudget Budget { get; }

    /// <summary>Binds the configured listener and starts accepting.</summary>
    /// <param name="seams">The clock, the accept call and its back-off; tests replace them to make accept fail.</param>
    /// <param name="tls">Every connection starts with a TLS handshake with these options; null for plain TCP.</param>
    /// <exception cref="KafkaListenerException">The address cannot be bound (e.g. the port is taken); names the setting.</exception>
    public static KafkaListener Start(KafkaApis apis, KafkaSettings settings, ILoggingAdapter log, ListenerSeams? seams = null, SslServerAuthenticationOptions? tls = null)
    {
        var endpoint = Resolve(settings.Listener);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen(512);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new KafkaListenerException(e.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"Cannot listen for Kafka clients on {settings.Listener} ({KafkaSettings.Section}.listener): the port is already in use"
                : $"Cannot listen for Kafka clients on {settings.Listener} ({KafkaSettings.Section}.listener): {e.Message}", e);
        }

        if (FileDescriptorLimit.Check(settings.MaxConnections, FileDescriptorLimit.Soft()) is { } tooMany) log.Warning("{0}", tooMany);
        var listener = new KafkaListener(socket, apis, settings, log, seams ?? ListenerSeams.Default, tls);
        listener._accepting = Task.Run(listener.AcceptLoopAsync);
        listener._reaping = Task.Run(listener.ReapLoopAsync);
        return listener;
    }

    /// <summary>Stops accepting and closes every open connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        _stopping.Cancel();
        _socket.Dispose();
        foreach (var connection in _connections.Keys) connection.Abort();
        await _accepting.ConfigureAwait(false);
        await _reaping.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    /// <summary>
    /// Accepts until the listener stops, whatever fails: a client gone before it was accepted is skipped, any other
    /// error (EMFILE and ENFILE when file descriptors run out, ENOBUFS, a bug) is logged once per episode and retried
    /// after a growing pause, so the loop neither spins on an error that persists nor dies of one.
    /// </summary>
    private async Task AcceptLoopAsync()
    {
        var failures = 0;
        var failingSince = 0L;
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _accept(_socket, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset)
            {
                _log.Debug("Kafka listener on {0}: a client left before it was accepted: {1}", LocalEndPoint, e.Message);
                continue;
            }
            catch (Exception e)
            {
                if (failures++ == 0)
                {
                    failingSince = _time.GetTimestamp();
                    _log.Error(e, "Kafka listener on {0} cannot accept connections ({1}); it retries after {2}, then at most every {3}, until it can",
                        LocalEndPoint, (e as SocketException)?.SocketErrorCode.ToString() ?? e.GetType().Name, _backoff.Pause(1), _backoff.Max);
                }

                try
                {
                    await Task.Delay(_backoff.Pause(failures), _time, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (failures > 0)
            {
                _log.Warning("Kafka listener on {0} accepts connections again, after {1} failed attempts over {2}", LocalEndPoint, failures, _time.GetElapsedTime(failingSince));
                failures = 0;
            }

            try
            {
                Admit(client);
            }
            catch (Exception e)
            {
                // Never expected (a bug); the client's connection ends, the loop does not.
                _log.Error(e, "Kafka listener on {0} could not start a connection", LocalEndPoint);
                client.Dispose();
            }
        }
    }

    /// <summary>Runs a connection for <paramref name="client"/>, or closes it at once when it is over a limit.</summary>
    private void Admit(Socket client)
    {
        IPAddress address;
        try
        {
            address = ((IPEndPoint)client.RemoteEndPoint!).Address;
            client.NoDelay = true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Reset between accept and here: nothing to serve.
            client.Dispose();
            return;
        }

        if (_quota.TryAcquire(address) is { } refusal)
        {
            client.Dispose();
            _refusedLog.Warning($"Kafka listener on {LocalEndPoint} closed a new connection from {address}: {refusal}", "connections refused");
            return;
        }

        var connection = new KafkaConnection(client, _apis, _settings, _log, Budget, _time, _tls);
        var running = Task.Run(connection.RunAsync);
        _connections[connection] = running;
        _ = running.ContinueWith(_ =>
        {
            _connections.TryRemove(connection, out Task? _);
            _quota.Release(address);
        }, TaskScheduler.Default);
        if (_stopping.IsCancellationRequested) connection.Abort();
    }

    /// <summary>
    /// Closes the connections past a deadline. It looks a few times per shortest timeout (at most once per second), so
    /// a deadline is kept to within a tenth of it or a second, and reading a request costs no timer.
    /// </summary>
    private async Task ReapLoopAsync()
    {
        var shortest = new[] { _settings.FirstRequestTimeout, _settings.RequestReceiveTimeout, _settings.ConnectionsMaxIdle }.Min();
        var period = TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 10, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromSeconds(1).Ticks));
        using var timer = new PeriodicTimer(period, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var now = _time.GetTimestamp();
                foreach (var connection in _connections.Keys)
                {
                    if (connection.Expired(now) is not { } expiry) continue;
                    if (expiry.IsIdle) _log.Debug("Kafka connection from {0} closed: {1}", connection.Remote, expiry.Reason);
                    else _expiredLog.Warning($"Kafka connection from {connection.Remote} closed: {expiry.Reason}", "connections closed at a deadline");
                    connection.Abort();
                }

                _refusedLog.Flush();
                _expiredLog.Flush();
                _apis.Sasl?.Failures.Flush();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // Never expected; said loudly, since deadlines are no longer kept.
            _log.Error(e, "Kafka listener on {0}: the connection reaper stopped; connection deadlines are no longer enforced", LocalEndPoint);
        }
    }

    private static IPEndPoint Resolve(HostPort listener)
    {
        if (IPAddress.TryParse(listener.Host, out var address)) return new IPEndPoint(address, listener.Port);
        try
        {
            var addresses = Dns.GetHostAddresses(listener.Host);
            var chosen = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return chosen is not null
                ? new IPEndPoint(chosen, listener.Port)
                : throw new KafkaListenerException($"{KafkaSettings.Section}.listener: the host {listener.Host} has no address");
        }
        catch (SocketException e)
        {
            throw new KafkaListenerException($"{KafkaSettings.Section}.listener: the host {listener.Host} cannot be resolved: {e.Message}", e);
        }
    }
}
