using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Security;
using BrokerDeleteAclsRequest = ActorBroker.Protocol.Messages.DeleteAclsRequest;
using DeleteAclsRequest = ActorBroker.Kafka.Messages.DeleteAclsRequest;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// DeleteAcls (key 31): each filter's matches in this node's metadata image are removed by the controller, and listed
/// in the answer. Needs Alter on the cluster.
/// </summary>
public sealed class DeleteAclsHandler(BrokerHost broker, KafkaAuthorizer authorizer) : KafkaApiHandler<DeleteAclsRequest>
{
    public override ApiVersionRange Range => DeleteAclsRequest.Versions;

    protected override DeleteAclsRequest ReadRequest(ref KafkaReader reader, short version) => DeleteAclsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(DeleteAclsRequest request, RequestContext context)
    {
        if (AclAdmin.Refusal(authorizer, context, AclOperation.Alter) is { } refused) return All(request, refused.Code, refused.Message);
        var acls = broker.Metadata.Current.Security.Acls;
        var results = await Task.WhenAll(request.Filters.Select(f => DeleteAsync(f, acls, context))).ConfigureAwait(false);
        return new DeleteAclsResponse(results);
    }

    protected override IKafkaResponse? ErrorResponse(DeleteAclsRequest request, short version, short errorCode) => All(request, errorCode, null);

    private async Task<DeleteAclsFilterResult> DeleteAsync(AclFilter filter, IReadOnlyList<AclBinding> acls, RequestContext context)
    {
        if (filter.Invalid() is { } invalid) return new DeleteAclsFilterResult(KafkaErrorCodes.InvalidRequest, invalid, []);
        List<AclBinding> matching = [.. acls.Where(filter.Matches)];
        if (matching.Count == 0) return new DeleteAclsFilterResult(KafkaErrorCodes.None, null, []);
        var correlationId = context.Header.CorrelationId;
        var answer = await SecurityAdminAsk.AskAsync(broker.Front, new BrokerDeleteAclsRequest(matching, correlationId), correlationId, context.RequestTimeout)
            .ConfigureAwait(false);
        return answer.Error == ErrorCode.None
            ? new DeleteAclsFilterResult(KafkaErrorCodes.None, null, matching)
            : new DeleteAclsFilterResult((short)answer.Error, answer.ErrorMessage, []);
    }

    private static DeleteAclsResponse All(DeleteAclsRequest request, short errorCode, string? message) =>
        new([.. request.Filters.Select(_ => new DeleteAclsFilterResult(errorCode, message, []))]);
}
