using ActorBroker.Broker;
using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Kafka.Security;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Security;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// DescribeCluster (key 60) v0–v1, from this node's metadata image and Kafka endpoints, as Metadata lists them: the
/// cluster id, the controller's node (-1 when its endpoint is unknown) and the Up broker nodes whose listener has
/// published an endpoint. Only broker endpoints are served: asking for controllers (endpoint type 2, v1) is answered
/// UNSUPPORTED_ENDPOINT_TYPE, as a Kafka broker does.
/// </summary>
public sealed class DescribeClusterHandler(BrokerHost broker, KafkaEndpoints endpoints, ClusterIdentity cluster, KafkaAuthorizer? authorizer = null)
    : KafkaApiHandler<DescribeClusterRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    private const short UnsupportedEndpointType = 119;

    public override ApiVersionRange Range => DescribeClusterRequest.Versions;

    protected override DescribeClusterRequest ReadRequest(ref KafkaReader reader, short version) => DescribeClusterRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(DescribeClusterRequest request, RequestContext context)
    {
        if (request.EndpointType != DescribeClusterRequest.BrokerEndpoints)
            return Task.FromResult<IKafkaResponse?>(Refused(request, UnsupportedEndpointType, $"endpoint type {request.EndpointType} is not served; brokers (1) are"));

        if (!_authorizer.Allows(context, AclOperation.Describe, AclResourceType.Cluster, AclBinding.ClusterName))
            return Task.FromResult<IKafkaResponse?>(Refused(request, (short)ErrorCode.ClusterAuthorizationFailed, "not authorized to describe the cluster"));

        var known = endpoints.Current;
        var brokers = new List<DescribeClusterBroker>();
        foreach (var node in broker.Metadata.Current.Nodes)
        {
            if (known.TryGetValue(node.Id, out var endpoint)) brokers.Add(new DescribeClusterBroker(KafkaNodeIds.Of(node.Id), endpoint.Host, endpoint.Port, Rack: null));
        }

        var controller = cluster.ControllerNodeId is { } controllerNode && known.ContainsKey(controllerNode) ? KafkaNodeIds.Of(controllerNode) : -1;
        return Task.FromResult<IKafkaResponse?>(new DescribeClusterResponse(KafkaErrorCodes.None, null, cluster.ClusterId, controller, brokers,
            EndpointType: request.EndpointType));
    }

    protected override IKafkaResponse? ErrorResponse(DescribeClusterRequest request, short version, short errorCode) => Refused(request, errorCode, null);

    private DescribeClusterResponse Refused(DescribeClusterRequest request, short errorCode, string? message) =>
        new(errorCode, message, cluster.ClusterId, -1, [], EndpointType: request.EndpointType);
}
