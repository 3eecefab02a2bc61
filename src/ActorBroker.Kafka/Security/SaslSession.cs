using System.Net;
using ActorBroker.Kafka.Listener;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security.Sasl;
using ActorBroker.Kafka.Wire;
using Akka.Event;

namespace ActorBroker.Kafka.Security;

/// <summary>
/// One connection's authentication on a SASL listener, as Kafka's SaslServerAuthenticator runs it: ApiVersions (any
/// number) and then one SaslHandshake, then the mechanism's tokens until it succeeds or fails: in SaslAuthenticate
/// requests after a v1 handshake, or as raw size-prefixed frames without Kafka headers after a v0 one. Any other
/// request before success closes the connection; a failure is answered (when the protocol can say it), then the
/// connection closes. Every step runs synchronously while its frame is parsed, so the next frame already meets the new state.
/// </summary>
internal sealed class SaslSession(SaslAuthenticator authenticator, EndPoint? remote)
{
    private ISaslServer? _server;

    /// <summary>Null until the client has authenticated; then its principal, for every request after.</summary>
    public KafkaPrincipal? Principal { get; private set; }

    public int MaxReceiveBytes => authenticator.MaxReceiveBytes;

    /// <summary>After a SaslHandshake v0 the next frames are the mechanism's raw tokens, not Kafka requests.</summary>
    public bool ExpectsRawTokens { get; private set; }

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
    public (IKafkaResponse Response, bool Closes) Respond(object request, short version) => request switch
    {
        SaslHandshakeRequest handshake => Handshake(handshake, version),
        SaslAuthenticateRequest authenticate => Authenticate(authenticate),
        _ => throw new ConnectionRejectedException($"Unexpected Kafka request {request.GetType().Name} during SASL authentication"),
    };

    /// <summary>
    /// The answer to a raw token after a v0 handshake, as a raw frame; a failure has no way to be said there, so it is
    /// no answer and the connection closes (Kafka's behaviour for v0 clients).
    /// </summary>
    public (IKafkaResponse? Response, bool Closes) RespondRaw(ReadOnlySpan<byte> token) => Evaluate(token) switch
    {
        SaslStep.Challenge challenge => (new SaslRawToken(challenge.Token), false),
        SaslStep.Success success => (new SaslRawToken(success.Token), false),
        _ => (null, true),
    };

    private (IKafkaResponse, bool) Handshake(SaslHandshakeRequest request, short version)
    {
        _server = authenticator.ServerFor(request.Mechanism);
        if (_server is not null)
        {
            ExpectsRawTokens = version == 0;
            return (new SaslHandshakeResponse(KafkaErrorCodes.None, authenticator.Mechanisms), false);
        }

        authenticator.Failures.Warning(
            $"Kafka client {remote} asked for SASL mechanism '{request.Mechanism}', which is not enabled ({string.Join(", ", authenticator.Mechanisms)}); closing its connection",
            "failed SASL logins");
        return (new SaslHandshakeResponse(KafkaErrorCodes.UnsupportedSaslMechanism, authenticator.Mechanisms), true);
    }

    private (IKafkaResponse, bool) Authenticate(SaslAuthenticateRequest request) => Evaluate(request.AuthBytes) switch
    {
        SaslStep.Challenge challenge => (new SaslAuthenticateResponse(KafkaErrorCodes.None, null, challenge.Token), false),
        SaslStep.Success success => (new SaslAuthenticateResponse(KafkaErrorCodes.None, null, success.Token), false),
        var step => (new SaslAuthenticateResponse(KafkaErrorCodes.SaslAuthenticationFailed, ((SaslStep.Failure)step).ClientMessage, []), true),
    };

    /// <summary>The mechanism's step; sets <see cref="Principal"/> on success and logs a failure.</summary>
    private SaslStep Evaluate(ReadOnlySpan<byte> token)
    {
        var server = _server!;
        SaslStep step;
        try
        {
            step = server.Evaluate(token);
        }
        catch (Exception e)
        {
            // The mechanisms reject malformed tokens themselves; this is their bug, and still only this client's failure.
            step = new SaslStep.Failure(null, $"{e.GetType().Name}: {e.Message}", "Authentication failed");
        }

        if (step is SaslStep.Success success)
        {
            Principal = KafkaPrincipal.User(success.User);
            ExpectsRawTokens = false;
            authenticator.Log.Debug("Kafka client {0} authenticated as {1} with {2}", remote, Principal, server.Mechanism);
        }
        else if (step is SaslStep.Failure failure)
        {
            authenticator.Failures.Warning(
                $"Kafka client {remote} failed to authenticate as '{failure.User ?? "?"}' with {server.Mechanism} ({failure.Reason}); closing its connection",
                "failed SASL logins");
        }

        return step;
    }

    private static string NameOf(short apiKey) => Enum.IsDefined((ApiKey)apiKey) ? ((ApiKey)apiKey).ToString() : $"api key {apiKey}";
}
