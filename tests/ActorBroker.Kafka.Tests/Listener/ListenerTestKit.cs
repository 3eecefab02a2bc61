using System.Net;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Tests.Support;
using ActorBroker.Kafka.Wire;
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

    internal KafkaListener Listener => _listener!;

    /// <summary>The clock and accept call the listener runs with; the real ones unless a test replaces them.</summary>
    internal virtual ListenerSeams? Seams => null;

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
        _listener = KafkaListener.Start(Apis, Settings, Logging.GetLogger(Sys, "ActorBroker.Kafka"), Seams);
        return Task.CompletedTask;
    }

    /// <summary>The table the listener serves: ApiVersions and <see cref="Scripted"/>.</summary>
    internal virtual KafkaApis CreateApis() => new([Scripted]);

    public async Task DisposeAsync()
    {
        if (_listener is not null) await _listener.DisposeAsync();
    }

    internal Task<RawKafkaClient> ConnectAsync(IPAddress? from = null) => RawKafkaClient.ConnectAsync(Endpoint, from);

    /// <summary>Sends an ApiVersions v0 and checks its answer: the connection is served.</summary>
    internal static async Task AssertServedAsync(RawKafkaClient client, int correlationId = 2)
    {
        await client.SendRequestAsync(18, 0, correlationId, []);
        var reader = new KafkaReader(await client.ReceiveFrameAsync(), false);
        Assert.Equal(correlationId, reader.Int32());
        Assert.Equal(KafkaErrorCodes.None, reader.Int16());
    }
}
