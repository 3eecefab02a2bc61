using System.Collections.Immutable;
using ActorBroker.Client.Connection;
using ActorBroker.Client.Settings;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Serialization;
using ActorBroker.Tls;
using ActorBroker.Tls.Adapters;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;
using Akka.Remote;

namespace ActorBroker.Client;

/// <summary>
/// A client's way into a broker cluster: an actor system with remoting that is not a cluster member, a
/// <see cref="ClusterClient"/> whose initial contacts are the receptionists of the bootstrap servers (used for
/// metadata and admin requests), and direct remote refs to each node's front actor for produce and fetch requests.
/// One connection can serve any number of producers, consumers and admin clients. Disposing it stops its actors,
/// and terminates the actor system when the connection created it.
/// </summary>
public sealed class ClientConnection : IAsyncDisposable
{
    private static long _counter;
    private readonly bool _ownsSystem;
    private readonly IActorRef? _clusterClient;
    private int _disposed;

    private ClientConnection(ActorSystem system, ClientSettings settings, IActorRef entry, IActorRef? clusterClient, bool ownsSystem)
    {
        System = system;
        Settings = settings;
        Entry = entry;
        _clusterClient = clusterClient;
        _ownsSystem = ownsSystem;
    }

    public ActorSystem System { get; }

    public ClientSettings Settings { get; }

    /// <summary>Where metadata and admin requests go: any node's <c>/user/broker</c>, through the cluster client.</summary>
    internal IActorRef Entry { get; }

    /// <summary>
    /// What a client's actor system needs: provider <c>remote</c> (not <c>cluster</c>: a client is no member) on
    /// 127.0.0.1 and a free port with 4MiB frames, the binary serializers of the broker contract and of the cluster
    /// client's messages, and the <c>actorbroker.client</c> defaults. A system of its own gets it as the fallback of the
    /// given config; an application that runs its own system and attaches it (<see cref="Attach"/>) falls back on it
    /// the same way, setting <c>akka.remote.dot-netty.tcp.hostname</c> to an address the nodes can reach.
    /// </summary>
    public static Config SystemDefaults { get; } = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp {
              hostname = "127.0.0.1"
              port = 0
              # One produce request or fetch answer travels as one frame: room for max-request-size and
              # max-partition-fetch-bytes (1MiB each by default); Akka's own default is 128000 bytes.
              maximum-frame-size = 4MiB
            }
            # Akka's default (on) sends the cluster client's contact and heartbeat messages as JSON; binary instead.
            akka.cluster.client.use-legacy-serialization = off
            # With TLS, a node whose certificate this client refuses ends that connection instead of the actor system,
            # which Akka.Remote stops when the TLS handshake of a connection it opened fails (docs/security.md).
            akka.remote.dot-netty.tcp.applied-adapters = [{{PeerCertificateProvider.AdapterName}}]
            """)
        .WithFallback(PeerCertificateProvider.Registration)
        .WithFallback(ProtocolAkkaSerialization.Config)
        .WithFallback(ClusterClientReceptionist.DefaultConfig())
        // The cluster client wraps each request in a pub-sub Send; its serializer carries our message inside.
        .WithFallback(DistributedPubSub.DefaultConfig())
        .WithFallback(ClientConfig.Defaults);

    /// <summary>
    /// Creates an actor system of its own (remoting on an ephemeral port) from <paramref name="config"/> and connects
    /// it to the cluster named by <c>actorbroker.client</c> in that config.
    /// </summary>
    public static ClientConnection Create(Config? config = null)
    {
        config ??= Config.Empty;
        return Create(ClientSettings.FromConfig(config), config);
    }

    /// <summary>Creates an actor system of its own named <see cref="ClientSettings.SystemName"/> and connects it with <paramref name="settings"/>.</summary>
    /// <param name="systemConfig">
    /// Further settings of the client's actor system (logging, remoting), if any. With <c>actorbroker.tls.enabled = on</c>
    /// in it, the client speaks mutual TLS with the certificate and CA it names (docs/security.md).
    /// </param>
    public static ClientConnection Create(ClientSettings settings, Config? systemConfig = null)
    {
        settings.Validate();
        var config = (systemConfig ?? Config.Empty).WithFallback(SystemDefaults);
        // actorbroker.tls in the config: this client's certificate, checked before the system starts so a bad file names its key.
        var tls = TlsSettings.ForClient(config);
        var credentials = tls.Enabled ? TlsCredentials.Load(tls) : null;
        ActorSystem system;
        try
        {
            system = ActorSystem.Create(settings.SystemName, TlsCredentials.SystemSetup(config, credentials));
        }
        catch
        {
            credentials?.Dispose();
            throw;
        }

        if (credentials is not null) system.RegisterOnTermination(credentials.Dispose);
        try
        {
            return Connect(system, settings, ownsSystem: true);
        }
        catch
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            throw;
        }
    }

    /// <summary>
    /// Connects an existing actor system to the cluster; the system stays the caller's. It must have remoting
    /// (provider <c>remote</c>) and the client's serializers: make its config fall back on <see cref="SystemDefaults"/>.
    /// </summary>
    public static ClientConnection Attach(ActorSystem system, ClientSettings settings) => Connect(system, settings.Validate(), ownsSystem: false);

    /// <summary>The test seam: requests for any node go to <paramref name="entry"/>, a local actor playing the cluster.</summary>
    internal static ClientConnection ForEntry(ActorSystem system, IActorRef entry, ClientSettings? settings = null) =>
        new(system, settings ?? ClientSettings.Default, entry, null, ownsSystem: false);

    private static ClientConnection Connect(ActorSystem system, ClientSettings settings, bool ownsSystem)
    {
        RequireClientSystem(system);
        var clusterSettings = ClusterClientSettings.Create(system);
        var receptionist = system.Settings.Config.GetString("akka.cluster.client.receptionist.name", "receptionist");
        // host:port bootstrap servers take the scheme this system speaks: akka.ssl.tcp when its remoting runs TLS.
        var protocol = ((ExtendedActorSystem)system).Provider.DefaultAddress.Protocol;
        clusterSettings = clusterSettings.WithInitialContacts(settings.ReceptionistPaths(receptionist, protocol).ToImmutableHashSet());
        var n = Interlocked.Increment(ref _counter);
        var clusterClient = system.ActorOf(ClusterClient.Props(clusterSettings), $"broker-cluster-client-{n}");
        var entry = system.ActorOf(BrokerEntry.Props(clusterClient), $"broker-entry-{n}");
        return new ClientConnection(system, settings, entry, clusterClient, ownsSystem);
    }

    // Room a request or an answer needs besides its batches: headers, topic names, the remoting envelope.
    private const int FrameOverhead = 64 * 1024;

    /// <summary>
    /// A produce request or fetch answer of up to <paramref name="bytes"/> travels as one remoting frame. Akka drops a
    /// larger message with an error in its own log, and the request would only time out, so a client setting that
    /// allows one fails when the producer or consumer is made, naming both settings.
    /// </summary>
    internal void RequireFrameRoom(int bytes, string path, string kafkaName)
    {
        if (((ExtendedActorSystem)System).Provider is not RemoteActorRefProvider) return; // a local test seam sends no frames
        var frame = System.Settings.Config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size") ?? 128_000;
        SettingsErrors.Require(bytes + FrameOverhead <= frame, path, kafkaName,
            $"is {bytes} bytes, but each request or answer travels as one remoting frame of at most {frame} bytes " +
            $"(akka.remote.dot-netty.tcp.maximum-frame-size), {FrameOverhead} of them kept for headers: raise the frame size on the clients and the nodes, or lower {kafkaName}");
    }

    /// <summary>Fails early, with what to do, where a misconfigured system would only time out on every request.</summary>
    private static void RequireClientSystem(ActorSystem system)
    {
        if (((ExtendedActorSystem)system).Provider is not RemoteActorRefProvider)
            throw new InvalidOperationException(
                $"Actor system {system.Name} has no remoting; a client needs akka.actor.provider = remote (it must not be a cluster member's system)");
        var serialization = system.Serialization;
        // Send's serializer (Akka's pub-sub one, behind the project's nesting guard) must be bound: an unbound type gets
        // the refusal that serialization-bindings give System.Object.
        if (serialization.FindSerializerForType(typeof(MetadataRequest)) is not ProtocolAkkaSerializer
            || serialization.FindSerializerForType(typeof(Send)) == serialization.FindSerializerForType(typeof(object)))
            throw new InvalidOperationException(
                $"Actor system {system.Name} lacks the client's serializers; make its config fall back on ClientConnection.SystemDefaults");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        if (_ownsSystem)
        {
            await System.Terminate().ConfigureAwait(false);
            return;
        }

        if (_clusterClient is not null)
        {
            System.Stop(Entry);
            System.Stop(_clusterClient);
        }
    }
}
