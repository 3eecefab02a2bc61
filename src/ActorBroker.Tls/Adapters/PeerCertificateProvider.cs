using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Transport;

namespace ActorBroker.Tls.Adapters;

/// <summary>
/// Akka.Remote's transport-adapter extension point for <see cref="PeerCertificateTransport"/>, on nodes and clients
/// whose actor system carries <see cref="PeerRoles"/> (TLS on: <see cref="TlsCredentials.SystemSetup"/>). Without
/// them there are no certificates to follow, and the transport is returned as it is.
/// </summary>
public sealed class PeerCertificateProvider : ITransportAdapterProvider
{
    /// <summary>The adapter's name in <c>applied-adapters</c>.</summary>
    public const string AdapterName = "actorbroker-peer-certificates";

    /// <summary>The adapter's registration under <c>akka.remote.adapters</c>, without applying it.</summary>
    public static Config Registration { get; } = AdapterRegistration.Of(AdapterName, typeof(PeerCertificateProvider));

    public Transport Create(Transport wrappedTransport, ExtendedActorSystem system) =>
        PeerRoles.Of(system) is { } roles ? new PeerCertificateTransport(wrappedTransport, system, roles) : wrappedTransport;
}
