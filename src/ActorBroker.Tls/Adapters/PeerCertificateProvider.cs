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
    public static Config Registration { get; } = ConfigurationFactory.ParseString(
        // No space after the comma: Akka.Remote reads adapters through HOCON's ToString, which quotes a value with a
        // space in it, quotes and all, and Type.GetType then finds nothing.
        $"akka.remote.adapters.{AdapterName} = \"{typeof(PeerCertificateProvider).FullName},{typeof(PeerCertificateProvider).Assembly.GetName().Name}\"");

    public Transport Create(Transport wrappedTransport, ExtendedActorSystem system) =>
        system.Settings.Setup.Get<PeerRoles>() is { HasValue: true } roles
            ? new PeerCertificateTransport(wrappedTransport, system, roles.Value)
            : wrappedTransport;
}
