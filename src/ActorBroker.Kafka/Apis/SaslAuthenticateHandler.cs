using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// SaslAuthenticate (key 36) v0–v2 on a SASL listener. Before authentication the connection's
/// <see cref="Security.SaslSession"/> answers it; this handler sees only one after authentication, which is
/// ILLEGAL_SASL_STATE, as in Kafka without re-authentication.
/// </summary>
internal sealed class SaslAuthenticateHandler : KafkaApiHandler<SaslAuthenticateRequest>
{
    public override ApiVersionRange Range => SaslAuthenticateRequest.Versions;

    protected override SaslAuthenticateRequest ReadRequest(ref KafkaReader reader, short version) => SaslAuthenticateRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(SaslAuthenticateRequest request, RequestContext context) =>
        Task.FromResult<IKafkaResponse?>(new SaslAuthenticateResponse(KafkaErrorCodes.IllegalSaslState, "SaslAuthenticate request received after successful authentication", []));
}
