using ActorBroker.Actors;
using ActorBroker.Client.Connection;
using ActorBroker.Client.Settings;
using ActorBroker.Cluster.Client;
using ActorBroker.Hocon;
using ActorBroker.Protocol;
using ActorBroker.Remote;

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
    /// Creates an actor system of its own (remoting on an ephemeral port) from <paramref name="config"/> and connects
    /// it to the cluster named by <c>actorbroker.client</c> in that config.
    /// </summary>
    public static ClientConnection Create(Config? config = null)
    {
        config ??= Config.Empty;
        return Create(ClientSettings.FromConfig(config), config);
    }

    /// <summary>Creates an actor system of its own named <see cref="ClientSettings.SystemName"/> and connects it with <paramref name="settings"/>.</summary>
    /// <param name="systemConfig">Further settings of the client's actor system (logging, remoting), if any.</param>
    public static ClientConnection Create(ClientSettings settings, Config? systemConfig = null)
    {
        settings.Validate();
        var system = ActorSystem.Create(settings.SystemName, (systemConfig ?? Config.Empty).WithFallback(ClientSystemDefaults));
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

    /// <summary>Connects an existing actor system (which must have remoting: provider remote) to the cluster; the system stays the caller's.</summary>
    public static ClientConnection Attach(ActorSystem system, ClientSettings settings) => Connect(system, settings.Validate(), ownsSystem: false);

    /// <summary>The test seam: requests for any node go to <paramref name="entry"/>, a local actor playing the cluster.</summary>
    internal static ClientConnection ForEntry(ActorSystem system, IActorRef entry, ClientSettings? settings = null) =>
        new(system, settings ?? ClientSettings.Default, entry, null, ownsSystem: false);

    /// <summary>What a client's own system needs on top of the reference configuration: remoting on a free port.</summary>
    internal static Config ClientSystemDefaults { get; } = ConfigurationFactory.ParseString("""
        actorbroker.actor.provider = remote
        actorbroker.remote.port = 0
        """, "client system defaults");

    private static ClientConnection Connect(ActorSystem system, ClientSettings settings, bool ownsSystem)
    {
        if (system.Provider is not RemoteActorRefProvider)
            throw new InvalidOperationException(
                $"Actor system {system.Name} has no remoting; a client needs actorbroker.actor.provider = remote (it must not be a cluster member's system)");
        ProtocolSerialization.Register(system);
        var receptionist = system.Config.GetString("actorbroker.cluster.client.receptionist.name", "receptionist");
        var clusterSettings = ClusterClientSettings.Create(system).WithInitialContacts(settings.ReceptionistPaths(receptionist));
        var n = Interlocked.Increment(ref _counter);
        var clusterClient = system.ActorOf(ClusterClient.Props(clusterSettings), $"broker-cluster-client-{n}");
        var entry = system.ActorOf(BrokerEntry.Props(clusterClient), $"broker-entry-{n}");
        return new ClientConnection(system, settings, entry, clusterClient, ownsSystem);
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
