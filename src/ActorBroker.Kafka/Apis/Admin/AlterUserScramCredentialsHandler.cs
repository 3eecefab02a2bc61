using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// AlterUserScramCredentials (key 51): sets or removes users' SCRAM credentials, one answer per user. The client sends
/// the salted password; the stored keys are derived from it here and the controller commits them. Needs Alter on the
/// cluster (when ACLs are checked). As Kafka: a user named twice in one request is refused (DUPLICATE_RESOURCE), an
/// unknown mechanism is UNSUPPORTED_SASL_MECHANISM and an iteration count out of range UNACCEPTABLE_CREDENTIAL.
/// </summary>
public sealed class AlterUserScramCredentialsHandler(BrokerHost broker, KafkaAuthorizer authorizer) : KafkaApiHandler<AlterUserScramCredentialsRequest>
{
    private const short UnsupportedSaslMechanism = 33;
    private const short DuplicateResource = 92;
    private const short UnacceptableCredential = 93;

    public override ApiVersionRange Range => AlterUserScramCredentialsRequest.Versions;

    protected override AlterUserScramCredentialsRequest ReadRequest(ref KafkaReader reader, short version) => AlterUserScramCredentialsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(AlterUserScramCredentialsRequest request, RequestContext context)
    {
        if (!authorizer.Allows(context, AclOperation.Alter, AclResourceType.Cluster, AclBinding.ClusterName))
            return All(request, KafkaErrorCodes.ClusterAuthorizationFailed, $"{context.Principal} may not alter users' credentials");
        var users = request.Deletions.Select(d => d.User).Concat(request.Upsertions.Select(u => u.User)).ToList();
        var duplicates = users.GroupBy(u => u, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var changes = request.Deletions.Select(d => Change(d.User, d.Mechanism, null, duplicates, context))
            .Concat(request.Upsertions.Select(u => Change(u.User, u.Mechanism, u, duplicates, context)));
        // One result per affected user, as Kafka answers; a duplicated user's several changes give one refusal.
        var results = await Task.WhenAll(changes).ConfigureAwait(false);
        return new AlterUserScramCredentialsResponse([.. results.DistinctBy(r => r.User)]);
    }

    protected override IKafkaResponse? ErrorResponse(AlterUserScramCredentialsRequest request, short version, short errorCode) => All(request, errorCode, null);

    private async Task<(string User, short ErrorCode, string? ErrorMessage)> Change(string user, sbyte mechanismCode, ScramUpsertion? upsertion,
        HashSet<string> duplicates, RequestContext context)
    {
        if (duplicates.Contains(user)) return (user, DuplicateResource, $"user '{user}' is named more than once in the request");
        if (mechanismCode is not ((sbyte)ScramMechanism.ScramSha256 or (sbyte)ScramMechanism.ScramSha512))
            return (user, UnsupportedSaslMechanism, $"mechanism {mechanismCode} is not SCRAM-SHA-256 (1) or SCRAM-SHA-512 (2)");
        var mechanism = (ScramMechanism)mechanismCode;
        ScramCredential? credential = null;
        if (upsertion is not null)
        {
            if (upsertion.Iterations is < ScramCredential.MinIterations or > ScramCredential.MaxIterations)
                return (user, UnacceptableCredential, $"iterations must be {ScramCredential.MinIterations} to {ScramCredential.MaxIterations}, not {upsertion.Iterations}");
            if (upsertion.SaltedPassword.Length != ScramCredential.KeyLength(mechanism))
                return (user, UnacceptableCredential, $"a {mechanism.SaslName()} salted password has {ScramCredential.KeyLength(mechanism)} bytes");
            credential = ScramCredential.FromSaltedPassword(mechanism, upsertion.Salt, upsertion.Iterations, upsertion.SaltedPassword);
        }

        var correlationId = context.Header.CorrelationId;
        var answer = await SecurityAdminAsk.AskAsync(broker.Front, new AlterUserCredentialRequest(user, mechanism, credential, correlationId), correlationId,
            context.RequestTimeout).ConfigureAwait(false);
        var code = answer.Error == ErrorCode.InvalidRequest && credential is not null ? UnacceptableCredential : (short)answer.Error;
        return (user, code, answer.ErrorMessage);
    }

    private static AlterUserScramCredentialsResponse All(AlterUserScramCredentialsRequest request, short errorCode, string? message) =>
        new([.. request.Deletions.Select(d => d.User).Concat(request.Upsertions.Select(u => u.User)).Distinct(StringComparer.Ordinal).Select(u => (u, errorCode, message))]);
}
