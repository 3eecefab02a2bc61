using System.Net;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security.Sasl;
using ActorBroker.Kafka.Wire;
using Akka.Event;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// One connection's authentication on a SASL listener, as Kafka's SaslServerAuthenticator runs it: ApiVersions (any
/// number) and then one SaslHandshake, then SaslAuthenticate requests until the mechanism succeeds or fails. Any other
/// request before success closes the connection; a failure is answered, then the connection closes. Every step runs
/// synchronously while its request is parsed, so the next request already meets the new state.
/// </summary>
internal sealed class SaslSession(SaslAuthenticator authenticator, EndPoint? remote)
{
    private ISaslServer? _server;

    /// <summary>Null until the client has authenticated; then its principal, for every request after.</summary>
    public KafkaPrincipal? Principal { get; private set; }

    public int MaxReceiveBytes => authenticator.MaxReceiveBytes;

    /// <summary>Lets through the requests allowed now, before authentication; the others close the connection.</summary>
    /// <exception cref="ConnectionRejectedException">A request the SASL exchange does not allow here.</exception>
    public void Admit(short apiKey)
    {
        var allowed = _server is null
            ? apiKey is (short)ApiKey.ApiVersions or (short)ApiKey.SaslHandshake
            : apiKey == (short)ApiKey.SaslAuthenticate;
        if (!allowed)
            throw new ConnectionRejectedException(
                $"Unexpected Kafka request of type {NameOf(apiKey)} during SASL {(_server is null ? "handshake" : "authentication")}");
    }

    /// <summary>The answer to an admitted SaslHandshake or SaslAuthenticate, and whether the connection closes once it is sent.</summary>
    public (IKafkaResponse Response, bool Closes) Respond(object request) => request switch
    {
        SaslHandshakeRequest handshake => Handshake(handshake),
        SaslAuthenticateRequest authenticate => Authenticate(authenticate),
        _ => throw new ConnectionRejectedException($"Unexpected Kafka request {request.GetType().Name} during SASL authentication"),
    };

    private (IKafkaResponse, bool) Handshake(SaslHandshakeRequest request)
    {
        _server = authenticator.ServerFor(request.Mechanism);
        if (_server is not null) return (new SaslHandshakeResponse(KafkaErrorCodes.None, authenticator.Mechanisms), false);
        authenticator.Log.Warning("Kafka client {0} asked for SASL mechanism '{1}', which is not enabled ({2}); closing its connection",
            remote, request.Mechanism, string.Join(", ", authenticator.Mechanisms));
        return (new SaslHandshakeResponse(KafkaErrorCodes.UnsupportedSaslMechanism, authenticator.Mechanisms), true);
    }

    private (IKafkaResponse, bool) Authenticate(SaslAuthenticateRequest request)
    {
        var server = _server!;
        SaslStep step;
        try
        {
            step = server.Evaluate(request.AuthBytes);
        }
        catch (Exception e)
        {
            // The mechanisms reject malformed tokens themselves; this is their bug, and still only this client's failure.
            step = new SaslStep.Failure(null, $"{e.GetType().Name}: {e.Message}", "Authentication failed");
        }

        switch (step)
        {
            case SaslStep.Challenge challenge:
                return (new SaslAuthenticateResponse(KafkaErrorCodes.None, null, challenge.Token), false);
            case SaslStep.Success success:
                Principal = KafkaPrincipal.User(success.User);
                authenticator.Log.Debug("Kafka client {0} authenticated as {1} with {2}", remote, Principal, server.Mechanism);
                return (new SaslAuthenticateResponse(KafkaErrorCodes.None, null, success.Token), false);
            default:
                var failure = (SaslStep.Failure)step;
                authenticator.Log.Warning("Kafka client {0} failed to authenticate as '{1}' with {2} ({3}); closing its connection",
                    remote, failure.User ?? "?", server.Mechanism, failure.Reason);
                return (new SaslAuthenticateResponse(KafkaErrorCodes.SaslAuthenticationFailed, failure.ClientMessage, []), true);
        }
    }

    private static string NameOf(short apiKey) => Enum.IsDefined((ApiKey)apiKey) ? ((ApiKey)apiKey).ToString() : $"api key {apiKey}";
}
