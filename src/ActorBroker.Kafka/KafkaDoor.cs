using System.Net;
using ActorBroker.Broker;
using ActorBroker.Kafka.Apis;
using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Security.Sasl;
using Akka;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Kafka;

/// <summary>
/// A node's Kafka door: a listener that speaks Kafka's wire protocol in front of the broker's actors, and the
/// directory through which every node learns every other node's advertised Kafka endpoint. Start it once per node,
/// after <see cref="BrokerHost.Start(ActorSystem, BrokerSettings)"/>; it stops with the actor system (coordinated
/// shutdown, or when the system terminates), or when disposed.
/// </summary>
public sealed class KafkaDoor : IAsyncDisposable
{
    /// <summary>The directory actor's name, under /user.</summary>
    public const string DirectoryName = "kafka-listeners";

    private readonly KafkaListener _listener;
    private readonly IActorRef _directory;
    private readonly ActorSystem _system;
    private int _stopped;

    private KafkaDoor(ActorSystem system, KafkaListener listener, IActorRef directory, HostPort advertised, KafkaEndpoints endpoints)
    {
        _system = system;
        _listener = listener;
        _directory = directory;
        Advertised = advertised;
        Endpoints = endpoints;
    }

    /// <summary>Where the listener is bound (with the port it chose when configured with 0).</summary>
    public IPEndPoint LocalEndPoint => _listener.LocalEndPoint;

    /// <summary>The listener itself, for tests that watch its limits.</summary>
    internal KafkaListener Listener => _listener;

    /// <summary>What clients are told to connect to for this node, and what this node publishes to the others.</summary>
    public HostPort Advertised { get; }

    /// <summary>Every node's advertised endpoint as this node knows it.</summary>
    public KafkaEndpoints Endpoints { get; }

    /// <summary>Starts the listener of <paramref name="settings"/> (default: from the system's config) in front of <paramref name="broker"/>.</summary>
    /// <param name="credentials">
    /// What SASL clients are checked against when the settings ask for SASL; by default the users in the cluster's
    /// metadata (<c>actorbroker users</c>, Kafka's AlterUserScramCredentials).
    /// </param>
    /// <exception cref="KafkaListenerException">The listener cannot bind; the message names the setting.</exception>
    /// <exception cref="Broker.BrokerConfigException">The TLS certificate cannot be loaded; names the setting.</exception>
    /// <exception cref="InvalidOperationException">The settings say the door is off.</exception>
    public static KafkaDoor Start(ActorSystem system, BrokerHost broker, KafkaSettings? settings = null, ICredentialStore? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(broker);
        settings ??= KafkaSettings.Create(system);
        if (!settings.Enabled) throw new InvalidOperationException($"{KafkaSettings.Section}.enabled is off: the node serves no Kafka clients");

        var log = Logging.GetLogger(system, "ActorBroker.Kafka");
        var endpoints = new KafkaEndpoints(log);
        var sasl = Authentication(settings, credentials ?? new MetadataCredentialStore(broker.Metadata), log);
        var authorizer = settings.Authorization.Enabled ? new KafkaAuthorizer(broker.Metadata, settings.Authorization, log) : KafkaAuthorizer.AllowAll;
        var tls = settings.SecurityProtocol.UsesTls() ? TlsCertificate.Load(settings.Tls!, log) : null;
        var apis = ServedApis.Create(broker, endpoints, new ClusterIdentity(system), authorizer, sasl);
        var listener = KafkaListener.Start(apis, settings, log, tls: tls);
        var advertised = settings.Advertised ?? AdvertisedOf(settings.Listener, listener.LocalEndPoint, system);
        IActorRef directory;
        try
        {
            directory = system.ActorOf(ListenerDirectory.Props(broker.NodeId, advertised, endpoints), DirectoryName);
        }
        catch (InvalidActorNameException)
        {
            listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new InvalidOperationException($"A Kafka door is already started on node {broker.NodeId}; start one per actor system");
        }

        var door = new KafkaDoor(system, listener, directory, advertised, endpoints);

        // Stop taking requests before the broker's actors go; a system aborted without coordinated shutdown stops it too.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "stop-kafka-listener", async () =>
        {
            await door.DisposeAsync().ConfigureAwait(false);
            return Done.Instance;
        });
        _ = system.WhenTerminated.ContinueWith(_ => door.DisposeAsync().AsTask(), TaskScheduler.Default);

        log.Info("Kafka listener of node {0} on {1}, advertised to clients as {2}; APIs: {3}", broker.NodeId, listener.LocalEndPoint, advertised,
            string.Join(", ", apis.Ranges.Select(r => $"{r.Key} v{r.Min}-{r.Max}")));
        if (sasl is null)
            log.Warning("Kafka listener on {0} does not authenticate clients ({1}.security-protocol = {2})", listener.LocalEndPoint, KafkaSettings.Section,
                settings.SecurityProtocol.Name());
        else if (tls is null && sasl.Mechanisms.Contains(SaslMechanismNames.Plain))
            log.Warning("Kafka listener on {0} accepts SASL/PLAIN without TLS: clients' passwords cross the network in clear", listener.LocalEndPoint);
        return door;
    }

    /// <summary>The SASL authentication of a SASL listener; null on a PLAINTEXT one.</summary>
    private static SaslAuthenticator? Authentication(KafkaSettings settings, ICredentialStore credentials, ILoggingAdapter log) =>
        settings.SecurityProtocol.UsesSasl() ? new SaslAuthenticator(settings.SaslEnabledMechanisms, credentials, settings.SaslMaxReceiveBytes, log,
            settings.ConnectionFailedAuthenticationDelay) : null;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        if (!_system.WhenTerminated.IsCompleted) _system.Stop(_directory);
        await _listener.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// The listener's own host with the port it bound; a wildcard listener (0.0.0.0, ::) cannot be connected to by that
    /// address, so it advertises the host the node's cluster address uses.
    /// </summary>
    private static HostPort AdvertisedOf(HostPort listener, IPEndPoint bound, ActorSystem system)
    {
        var wildcard = IPAddress.TryParse(listener.Host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any));
        var host = wildcard ? Akka.Cluster.Cluster.Get(system).SelfAddress.Host ?? listener.Host : listener.Host;
        return new HostPort(host, bound.Port);
    }
}
