using System.Net;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Tests.Support;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorBroker.Kafka.Tests.Listener;

/// <summary>A live listener on 127.0.0.1 (ephemeral port) serving ApiVersions and a <see cref="ScriptedHandler"/>; its log goes to the TestKit's event stream.</summary>
public abstract class ListenerTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected const int MaxRequestBytes = 64 * 1024;
    private KafkaListener? _listener;

    protected ListenerTestKit(ITestOutputHelper output) : base("akka.loglevel = DEBUG", output)
    {
    }

    internal ScriptedHandler Scripted { get; } = new();

    internal KafkaApis Apis { get; private set; } = null!;

    protected IPEndPoint Endpoint => _listener!.LocalEndPoint;

    protected virtual KafkaSettings Settings => new()
    {
        Listener = new HostPort("127.0.0.1", 0),
        SocketRequestMaxBytes = MaxRequestBytes,
        MaxInFlightRequestsPerConnection = 4,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    public Task InitializeAsync()
    {
        Apis = CreateApis();
        _listener = KafkaListener.Start(Apis, Settings, Logging.GetLogger(Sys, "ActorBroker.Kafka"));
        return Task.CompletedTask;
    }

    /// <summary>The table the listener serves: ApiVersions and <see cref="Scripted"/>.</summary>
    internal virtual KafkaApis CreateApis() => new([Scripted]);

    public async Task DisposeAsync()
    {
        if (_listener is not null) await _listener.DisposeAsync();
    }

    internal Task<RawKafkaClient> ConnectAsync() => RawKafkaClient.ConnectAsync(Endpoint);
}
