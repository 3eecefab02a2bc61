using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// DescribeUserScramCredentials (key 50): the users' mechanisms and iteration counts (never salts or keys) from this
/// node's metadata image; a named user without credentials is RESOURCE_NOT_FOUND. Needs Describe on the cluster.
/// </summary>
public sealed class DescribeUserScramCredentialsHandler(BrokerHost broker, KafkaAuthorizer authorizer) : KafkaApiHandler<DescribeUserScramCredentialsRequest>
{
    private const short ResourceNotFound = 91;
    private const short DuplicateResource = 92;

    public override ApiVersionRange Range => DescribeUserScramCredentialsRequest.Versions;

    protected override DescribeUserScramCredentialsRequest ReadRequest(ref KafkaReader reader, short version) =>
        DescribeUserScramCredentialsRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(DescribeUserScramCredentialsRequest request, RequestContext context)
    {
        if (!authorizer.Allows(context, AclOperation.Describe, AclResourceType.Cluster, AclBinding.ClusterName))
            return Task.FromResult<IKafkaResponse?>(new DescribeUserScramCredentialsResponse(KafkaErrorCodes.ClusterAuthorizationFailed,
                $"{context.Principal} may not describe users' credentials", []));
        var users = broker.Metadata.Current.Security.Users;
        IEnumerable<string> wanted = request.Users is { Count: > 0 } named ? named.Distinct(StringComparer.Ordinal) : users.Keys.Order(StringComparer.Ordinal);
        var duplicates = request.Users?.GroupBy(u => u, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var results = wanted.Select(user =>
            duplicates.Contains(user) ? new DescribeUserScramCredentialsResult(user, DuplicateResource, $"user '{user}' is named more than once", [])
            : users.TryGetValue(user, out var credentials) ? new DescribeUserScramCredentialsResult(user, KafkaErrorCodes.None, null,
                [.. credentials.Select(c => ((sbyte)c.Mechanism, c.Iterations))])
            : new DescribeUserScramCredentialsResult(user, ResourceNotFound, $"user '{user}' has no SCRAM credentials", []));
        return Task.FromResult<IKafkaResponse?>(new DescribeUserScramCredentialsResponse(KafkaErrorCodes.None, null, [.. results]));
    }

    protected override IKafkaResponse? ErrorResponse(DescribeUserScramCredentialsRequest request, short version, short errorCode) =>
        new DescribeUserScramCredentialsResponse(errorCode, null, []);
}
