using System.Net;
using ActorBroker.Broker.Internal;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Security.Sasl;
using ActorBroker.Protocol.Security;
using Akka.Event;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// A SASL listener's authentication, shared by its connections: the enabled mechanisms, the credentials they check,
/// the bound on requests before authentication, and how long a failed login waits before its answer (Kafka's
/// connection.failed.authentication.delay.ms: a client guessing passwords, or a misconfigured one that reconnects every
/// 50 ms as librdkafka does, is slowed down). Each connection gets a <see cref="SaslSession"/> of its own.
/// </summary>
internal sealed class SaslAuthenticator(
    IReadOnlyList<string> mechanisms, ICredentialStore credentials, int maxReceiveBytes, ILoggingAdapter log, TimeSpan failedAuthenticationDelay = default)
{
    /// <summary>The enabled mechanisms, as SaslHandshake lists them.</summary>
    public IReadOnlyList<string> Mechanisms { get; } = mechanisms;

    /// <summary>Largest request before authentication (Kafka's sasl.server.max.receive.size).</summary>
    public int MaxReceiveBytes { get; } = maxReceiveBytes;

    public ILoggingAdapter Log { get; } = log;

    /// <summary>How long the answer to a failed login waits; the connection closes after it.</summary>
    public TimeSpan FailedAuthenticationDelay { get; } = failedAuthenticationDelay;

    /// <summary>
    /// Failed logins and refused mechanisms: one warning line per 10 s, the rest counted, so a client that retries a
    /// wrong password in a loop cannot flood the log. The listener flushes the count.
    /// </summary>
    public ThrottledLog Failures { get; } = new(log, TimeSpan.FromSeconds(10), TimeProvider.System);

    public SaslSession NewSession(EndPoint? remote) => new(this, remote);

    /// <summary>A fresh server for <paramref name="mechanism"/>, or null when it is not enabled.</summary>
    public ISaslServer? ServerFor(string mechanism)
    {
        if (!Mechanisms.Contains(mechanism, StringComparer.Ordinal)) return null;
        if (mechanism == SaslMechanismNames.Plain) return new PlainServer(credentials);
        return ScramMechanisms.TryParse(mechanism, out var scram) ? new ScramServer(scram, credentials) : null;
    }
}
