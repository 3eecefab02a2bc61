using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using ActorBroker.Kafka.Apis;
using Akka.Event;

namespace ActorBroker.Kafka.Listener;

/// <summary>
/// The TCP listener of the Kafka door: accepts connections and runs a <see cref="KafkaConnection"/> for each until it
/// ends. A connection's failure is its own; the listener and the other connections go on.
/// </summary>
internal sealed class KafkaListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly KafkaApis _apis;
    private readonly KafkaSettings _settings;
    private readonly ILoggingAdapter _log;
    private readonly SslServerAuthenticationOptions? _tls;
    private readonly ConcurrentDictionary<KafkaConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;

    private KafkaListener(Socket socket, KafkaApis apis, KafkaSettings settings, ILoggingAdapter log, SslServerAuthenticationOptions? tls)
    {
        _tls = tls;
        _socket = socket;
        _apis = apis;
        _settings = settings;
        _log = log;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The address and port bound (the port chosen when the setting said 0).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds the configured listener and starts accepting.</summary>
    /// <param name="tls">Every connection starts with a TLS handshake with these options; null for plain TCP.</param>
    /// <exception cref="KafkaListenerException">The address cannot be bound (e.g. the port is taken); names the setting.</exception>
    public static KafkaListener Start(KafkaApis apis, KafkaSettings settings, ILoggingAdapter log, SslServerAuthenticationOptions? tls = null)
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

        var listener = new KafkaListener(socket, apis, settings, log, tls);
        listener._accepting = Task.Run(listener.AcceptLoopAsync);
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
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                // A client that reset before it was accepted; the listener itself is fine.
                _log.Debug("Kafka listener on {0}: an accept failed: {1}", LocalEndPoint, e.Message);
                continue;
            }

            client.NoDelay = true;
            var connection = new KafkaConnection(client, _apis, _settings, _log, _tls);
            var running = Task.Run(connection.RunAsync);
            _connections[connection] = running;
            _ = running.ContinueWith(_ => _connections.TryRemove(connection, out Task? _), TaskScheduler.Default);
            if (_stopping.IsCancellationRequested) connection.Abort();
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
