using System.Globalization;
using ActorBroker.Broker;
using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Kafka.Security;
using ActorBroker.Protocol.Security;
using Sources = ActorBroker.Kafka.Messages.DescribeConfigsEntry.Sources;
using Types = ActorBroker.Kafka.Messages.DescribeConfigsResource.Types;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// DescribeConfigs (key 32) v0–v4, answered from this node's metadata image and settings without asking anyone. A
/// topic lists every config ActorBroker knows with its effective value: DYNAMIC_TOPIC_CONFIG for the topic's overrides
/// (with the broker default as a synonym), DEFAULT_CONFIG otherwise. A broker (this node's Kafka id, or "" for the
/// node asked) lists the settings behind topic creation, read-only, as STATIC_BROKER_CONFIG: they come from the node's
/// HOCON. Other resource types are answered INVALID_REQUEST.
/// </summary>
public sealed class DescribeConfigsHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<DescribeConfigsRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    private const sbyte IntType = 3;

    public override ApiVersionRange Range => DescribeConfigsRequest.Versions;

    protected override DescribeConfigsRequest ReadRequest(ref KafkaReader reader, short version) => DescribeConfigsRequest.Read(ref reader, version);

    protected override Task<IKafkaResponse?> HandleAsync(DescribeConfigsRequest request, RequestContext context) =>
        Task.FromResult<IKafkaResponse?>(new DescribeConfigsResponse([.. request.Resources.Select(r => Describe(r, request.IncludeSynonyms, context))]));

    protected override IKafkaResponse? ErrorResponse(DescribeConfigsRequest request, short version, short errorCode) =>
        new DescribeConfigsResponse([.. request.Resources.Select(r => new DescribeConfigsResult(errorCode, null, r.ResourceType, r.ResourceName, []))]);

    private DescribeConfigsResult Describe(DescribeConfigsResource resource, bool synonyms, RequestContext context) => resource.ResourceType switch
    {
        Types.Topic when !_authorizer.Allows(context, AclOperation.DescribeConfigs, AclResourceType.Topic, resource.ResourceName) =>
            Refused(resource, (short)ErrorCode.TopicAuthorizationFailed, $"not authorized to describe the configs of topic '{resource.ResourceName}'"),
        Types.Broker when !_authorizer.Allows(context, AclOperation.DescribeConfigs, AclResourceType.Cluster, AclBinding.ClusterName) =>
            Refused(resource, (short)ErrorCode.ClusterAuthorizationFailed, "not authorized to describe the cluster's configs"),
        Types.Topic => Topic(resource, synonyms),
        Types.Broker => Broker(resource, synonyms),
        _ => Refused(resource, KafkaErrorCodes.InvalidRequest, $"resource type {resource.ResourceType} is not served; topics (2) and brokers (4) are"),
    };

    private DescribeConfigsResult Topic(DescribeConfigsResource resource, bool synonyms)
    {
        if (!broker.Metadata.Current.Topics.TryGetValue(resource.ResourceName, out var topic))
            return Refused(resource, (short)ErrorCode.UnknownTopicOrPartition, $"topic '{resource.ResourceName}' does not exist");
        var entries = TopicConfigEntries.Of(topic, broker.Settings.TopicDefaults)
            .Where(e => Wanted(resource, e.Name))
            .Select(e => new DescribeConfigsEntry(e.Name, e.Value, ReadOnly: false, e.IsOverride ? Sources.DynamicTopicConfig : Sources.DefaultConfig,
                IsSensitive: false, synonyms ? TopicSynonyms(e) : [], e.ConfigType));
        return new DescribeConfigsResult(KafkaErrorCodes.None, null, resource.ResourceType, resource.ResourceName, [.. entries]);
    }

    /// <summary>Kafka lists synonyms in precedence order: the topic's override first, then the default under it.</summary>
    private static DescribeConfigsSynonym[] TopicSynonyms(TopicConfigEntry entry) => entry.IsOverride
        ? [new(entry.Name, entry.Value, Sources.DynamicTopicConfig), new(entry.Name, entry.DefaultValue, Sources.DefaultConfig)]
        : [new(entry.Name, entry.Value, Sources.DefaultConfig)];

    private DescribeConfigsResult Broker(DescribeConfigsResource resource, bool synonyms)
    {
        var self = KafkaNodeIds.Of(broker.NodeId).ToString(CultureInfo.InvariantCulture);
        // As Kafka: a broker describes its own configs only; a client sends each broker's resource to that broker.
        if (resource.ResourceName.Length > 0 && resource.ResourceName != self)
            return Refused(resource, KafkaErrorCodes.InvalidRequest, $"this is broker {self}; ask broker {resource.ResourceName} for its own configs");
        var settings = broker.Settings;
        var defaults = settings.TopicDefaults;
        // Kafka's broker-level names of the settings ActorBroker has (the topic configs' broker defaults have their own names).
        (string Name, string Value, sbyte Type)[] all =
        [
            ("num.partitions", settings.DefaultPartitions.ToString(CultureInfo.InvariantCulture), IntType),
            ("default.replication.factor", settings.DefaultReplicationFactor.ToString(CultureInfo.InvariantCulture), IntType),
            ("min.insync.replicas", TopicConfigEntries.ValueOf(defaults, TopicConfig.MinInsyncReplicasKey), IntType),
            ("log.retention.ms", TopicConfigEntries.ValueOf(defaults, TopicConfig.RetentionMsKey), 5),
            ("log.retention.bytes", TopicConfigEntries.ValueOf(defaults, TopicConfig.RetentionBytesKey), 5),
            ("message.max.bytes", TopicConfigEntries.ValueOf(defaults, TopicConfig.MaxMessageBytesKey), IntType),
            ("unclean.leader.election.enable", TopicConfigEntries.ValueOf(defaults, TopicConfig.UncleanLeaderElectionKey), 1),
        ];
        var entries = all.Where(c => Wanted(resource, c.Name)).Select(c => new DescribeConfigsEntry(c.Name, c.Value, ReadOnly: true, Sources.StaticBrokerConfig,
            IsSensitive: false, synonyms ? [new DescribeConfigsSynonym(c.Name, c.Value, Sources.StaticBrokerConfig)] : [], c.Type));
        return new DescribeConfigsResult(KafkaErrorCodes.None, null, resource.ResourceType, resource.ResourceName, [.. entries]);
    }

    private static bool Wanted(DescribeConfigsResource resource, string name) => resource.ConfigurationKeys is null || resource.ConfigurationKeys.Contains(name);

    private static DescribeConfigsResult Refused(DescribeConfigsResource resource, short errorCode, string message) =>
        new(errorCode, message, resource.ResourceType, resource.ResourceName, []);
}
