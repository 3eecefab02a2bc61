using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// SaslHandshake (key 17) v0–v1 on a SASL listener. Before authentication the connection's <see cref="Security.SaslSession"/>
/// answers it; this handler sees only a handshake after authentication, which is ILLEGAL_SASL_STATE: there is no
/// re-authentication (KIP-368), as the session lifetime is 0.
/// </summary>
internal sealed class SaslHandshakeHandler(IReadOnlyList<string> mechanisms) : KafkaApiHandler<SaslHandshakeRequest>
{
    public override ApiVersionRange Range => SaslHandshakeRequest.Versions;

    protected override SaslHandshakeRequest ReadRequest(ref KafkaReader reader, short version) => SaslHandshakeRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(SaslHandshakeRequest request, RequestContext context) =>
        Task.FromResult<IKafkaResponse?>(new SaslHandshakeResponse(KafkaErrorCodes.IllegalSaslState, mechanisms));
}
