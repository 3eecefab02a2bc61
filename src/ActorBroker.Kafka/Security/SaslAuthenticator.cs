using System.Net;
using ActorBroker.Kafka.Security.Sasl;
using ActorBroker.Protocol.Security;
using Akka.Event;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// A SASL listener's authentication, shared by its connections: the enabled mechanisms, the credentials they check and
/// the bound on requests before authentication. Each connection gets a <see cref="SaslSession"/> of its own.
/// </summary>
internal sealed class SaslAuthenticator(IReadOnlyList<string> mechanisms, ICredentialStore credentials, int maxReceiveBytes, ILoggingAdapter log)
{
    /// <summary>The enabled mechanisms, as SaslHandshake lists them.</summary>
    public IReadOnlyList<string> Mechanisms { get; } = mechanisms;

    /// <summary>Largest request before authentication (Kafka's sasl.server.max.receive.size).</summary>
    public int MaxReceiveBytes { get; } = maxReceiveBytes;

    public ILoggingAdapter Log { get; } = log;

    public SaslSession NewSession(EndPoint? remote) => new(this, remote);

    /// <summary>A fresh server for <paramref name="mechanism"/>, or null when it is not enabled.</summary>
    public ISaslServer? ServerFor(string mechanism)
    {
        if (!Mechanisms.Contains(mechanism, StringComparer.Ordinal)) return null;
        if (mechanism == SaslMechanismNames.Plain) return new PlainServer(credentials);
        return ScramMechanisms.TryParse(mechanism, out var scram) ? new ScramServer(scram, credentials) : null;
    }
}
