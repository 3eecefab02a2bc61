using ActorBroker.Broker;
using ActorBroker.Kafka.Apis.Admin;
using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Security;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// The APIs a node's Kafka door serves: one handler each, in one list (ApiVersions joins by itself, and the SASL APIs on
/// a SASL listener), each checking the ACLs it needs.
/// </summary>
internal static class ServedApis
{
    public static KafkaApis Create(BrokerHost broker, KafkaEndpoints endpoints, ClusterIdentity cluster, KafkaAuthorizer authorizer, SaslAuthenticator? sasl) => new(
    [
        new MetadataHandler(broker, endpoints, cluster, authorizer),
        // Topic and cluster administration (issue 18).
        new CreateTopicsHandler(broker, authorizer),
        new DeleteTopicsHandler(broker, authorizer),
        new CreatePartitionsHandler(broker, authorizer),
        new DescribeConfigsHandler(broker, authorizer),
        new DescribeClusterHandler(broker, endpoints, cluster, authorizer),
        // Users' SCRAM credentials and ACLs (issue 19), committed by the controller like topics.
        new CreateAclsHandler(broker, authorizer),
        new DescribeAclsHandler(broker, authorizer),
        new DeleteAclsHandler(broker, authorizer),
        new AlterUserScramCredentialsHandler(broker, authorizer),
        new DescribeUserScramCredentialsHandler(broker, authorizer),
        // The data path: produce, fetch and offsets, each through the node's front actor.
        new ProduceHandler(broker, authorizer),
        new FetchHandler(broker, authorizer),
        new ListOffsetsHandler(broker, authorizer),
    ], sasl);
}
