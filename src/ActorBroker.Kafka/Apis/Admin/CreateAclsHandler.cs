using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Security;
using BrokerCreateAclsRequest = ActorBroker.Protocol.Messages.CreateAclsRequest;
using CreateAclsRequest = ActorBroker.Kafka.Messages.CreateAclsRequest;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// CreateAcls (key 30): each ACL is checked and committed by the controller on its own, so each has its own answer, as
/// in Kafka. Needs Alter on the cluster; answered SECURITY_DISABLED while the door checks no ACLs, as Kafka without an authorizer.
/// </summary>
public sealed class CreateAclsHandler(BrokerHost broker, KafkaAuthorizer authorizer) : KafkaApiHandler<CreateAclsRequest>
{
    public override ApiVersionRange Range => CreateAclsRequest.Versions;

    protected override CreateAclsRequest ReadRequest(ref KafkaReader reader, short version) => CreateAclsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(CreateAclsRequest request, RequestContext context)
    {
        if (AclAdmin.Refusal(authorizer, context, AclOperation.Alter) is { } refused) return All(request, refused.Code, refused.Message);
        var results = await Task.WhenAll(request.Creations.Select(c => CreateAsync(c, context))).ConfigureAwait(false);
        return new CreateAclsResponse(results);
    }

    protected override IKafkaResponse? ErrorResponse(CreateAclsRequest request, short version, short errorCode) => All(request, errorCode, null);

    private async Task<(short, string?)> CreateAsync(AclCreation creation, RequestContext context)
    {
        if (AclAdmin.Binding(creation) is not { } acl) return (KafkaErrorCodes.InvalidRequest, $"{creation} has an unknown or ANY resource type, pattern, operation or permission");
        var correlationId = context.Header.CorrelationId;
        var answer = await SecurityAdminAsk.AskAsync(broker.Front, new BrokerCreateAclsRequest([acl], correlationId), correlationId, context.RequestTimeout)
            .ConfigureAwait(false);
        return answer.Error == ErrorCode.None ? (KafkaErrorCodes.None, null) : ((short)answer.Error, answer.ErrorMessage);
    }

    private static CreateAclsResponse All(CreateAclsRequest request, short errorCode, string? message) =>
        new([.. request.Creations.Select(_ => (errorCode, message))]);
}
