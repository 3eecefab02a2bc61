using ActorBroker.Broker;
using ActorBroker.Kafka.Apis.Admin;
using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Security;

namespace ActorBroker.Kafka.Apis;

/// <summary>The APIs a node's Kafka door serves: one handler each, in one list (ApiVersions joins by itself, and the SASL APIs on a SASL listener).</summary>
internal static class ServedApis
{
    public static KafkaApis Create(BrokerHost broker, KafkaEndpoints endpoints, ClusterIdentity cluster, SaslAuthenticator? sasl) => new(
    [
        new MetadataHandler(broker, endpoints, cluster),
        // Topic and cluster administration (issue 18).
        new CreateTopicsHandler(broker),
        new DeleteTopicsHandler(broker),
        new CreatePartitionsHandler(broker),
        new DescribeConfigsHandler(broker),
        new DescribeClusterHandler(broker, endpoints, cluster),
        // The data path: produce, fetch and offsets, each through the node's front actor.
        new ProduceHandler(broker),
        new FetchHandler(broker),
        new ListOffsetsHandler(broker),
    ], sasl);
}
