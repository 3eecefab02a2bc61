using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>DescribeAcls (key 29): the ACLs of this node's metadata image that the filter matches. Needs Describe on the cluster.</summary>
public sealed class DescribeAclsHandler(BrokerHost broker, KafkaAuthorizer authorizer) : KafkaApiHandler<DescribeAclsRequest>
{
    public override ApiVersionRange Range => DescribeAclsRequest.Versions;

    protected override DescribeAclsRequest ReadRequest(ref KafkaReader reader, short version) => DescribeAclsRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(DescribeAclsRequest request, RequestContext context)
    {
        if (AclAdmin.Refusal(authorizer, context, AclOperation.Describe) is { } refused)
            return Task.FromResult<IKafkaResponse?>(new DescribeAclsResponse(refused.Code, refused.Message, []));
        if (request.Filter.Invalid() is { } invalid)
            return Task.FromResult<IKafkaResponse?>(new DescribeAclsResponse(KafkaErrorCodes.InvalidRequest, invalid, []));
        return Task.FromResult<IKafkaResponse?>(new DescribeAclsResponse(KafkaErrorCodes.None, null,
            [.. broker.Metadata.Current.Security.Acls.Where(request.Filter.Matches)]));
    }

    protected override IKafkaResponse? ErrorResponse(DescribeAclsRequest request, short version, short errorCode) => new DescribeAclsResponse(errorCode, null, []);
}
