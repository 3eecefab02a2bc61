using ActorBroker.Broker;
using ActorBroker.Broker.Metadata;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Kafka.Security;
using ActorBroker.Protocol.Security;
using BrokerCreateTopicRequest = ActorBroker.Protocol.Messages.CreateTopicRequest;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// CreateTopics (key 19) v0–v7: each topic becomes the broker's CreateTopicRequest to the front actor, which the
/// controller answers; -1 partitions or replication factor take the broker's defaults. Once created, the answer waits
/// (within the request's timeout) until this node's metadata shows the topic, and from v5 reports its partitions,
/// replication factor and configs from there (v7: its id). Manual replica assignments are not supported (the
/// controller places replicas itself): such a topic is answered INVALID_REQUEST. validate_only is checked by
/// <see cref="ValidateOnly"/> against this node's metadata image.
/// </summary>
public sealed class CreateTopicsHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<CreateTopicsRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    public override ApiVersionRange Range => CreateTopicsRequest.Versions;

    protected override CreateTopicsRequest ReadRequest(ref KafkaReader reader, short version) => CreateTopicsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(CreateTopicsRequest request, RequestContext context)
    {
        // Kafka refuses every copy of a name listed twice in one request: which one it should create is ambiguous.
        var duplicates = request.Topics.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var results = request.Topics.Select(topic => duplicates.Contains(topic.Name)
            ? Task.FromResult(Refused(topic.Name, KafkaErrorCodes.InvalidRequest, $"topic '{topic.Name}' is listed more than once in the request"))
            : CreateAsync(topic, request, context));
        return new CreateTopicsResponse(await Task.WhenAll(results).ConfigureAwait(false));
    }

    protected override IKafkaResponse? ErrorResponse(CreateTopicsRequest request, short version, short errorCode) =>
        new CreateTopicsResponse([.. request.Topics.Select(t => Refused(t.Name, errorCode, null))]);

    private async Task<CreatableTopicResult> CreateAsync(CreatableTopic topic, CreateTopicsRequest request, RequestContext context)
    {
        // As Kafka: Create on the cluster allows every topic, Create on a topic (or a prefix) allows that one.
        if (!_authorizer.Allows(context, AclOperation.Create, AclResourceType.Cluster, AclBinding.ClusterName)
            && !_authorizer.Allows(context, AclOperation.Create, AclResourceType.Topic, topic.Name))
            return Refused(topic.Name, (short)ErrorCode.TopicAuthorizationFailed, $"not authorized to create topic '{topic.Name}'");
        if (topic.Assignments.Count > 0)
            return Refused(topic.Name, KafkaErrorCodes.InvalidRequest,
                "manual replica assignments are not supported: ActorBroker's controller places replicas; give num_partitions and replication_factor instead");
        var configs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var config in topic.Configs)
        {
            // A null value means "the default" in Kafka: leaving the key out says the same.
            if (config.Value is not null && !configs.TryAdd(config.Name, config.Value))
                return Refused(topic.Name, (short)ErrorCode.InvalidConfig, $"config '{config.Name}' is given more than once");
        }

        if (request.ValidateOnly)
        {
            var (error, message) = ValidateOnly.CreateTopic(broker.Metadata.Current, broker.Settings, topic.Name, topic.NumPartitions, topic.ReplicationFactor, configs);
            if (error != ErrorCode.None) return Refused(topic.Name, (short)error, message);
            // Nothing was created, so Kafka answers with what the topic would get: the requested or default counts.
            return new CreatableTopicResult(topic.Name, Guid.Empty, KafkaErrorCodes.None, null,
                topic.NumPartitions == -1 ? broker.Settings.DefaultPartitions : topic.NumPartitions,
                topic.ReplicationFactor == -1 ? broker.Settings.DefaultReplicationFactor : topic.ReplicationFactor);
        }

        var correlationId = context.Header.CorrelationId;
        var answer = await TopicAdminAsk.AskAsync(broker.Front,
            new BrokerCreateTopicRequest(topic.Name, topic.NumPartitions, topic.ReplicationFactor, configs, correlationId), topic.Name, correlationId, context.RequestTimeout)
            .ConfigureAwait(false);
        if (answer.Error != ErrorCode.None) return Refused(topic.Name, (short)answer.Error, answer.ErrorMessage);

        var wait = MetadataWait.Bound(request.TimeoutMs, context.RequestTimeout);
        // Created and acknowledged; if this node's image has not caught up in time, Kafka's "not described" values (-1, null) say so.
        if (!await MetadataWait.UntilAsync(broker.Metadata, image => image.Topics.ContainsKey(topic.Name), wait).ConfigureAwait(false))
            return new CreatableTopicResult(topic.Name, Guid.Empty, KafkaErrorCodes.None, null);
        return Created(broker.Metadata.Current.Topics[topic.Name]);
    }

    private CreatableTopicResult Created(TopicImage image) => new(
        image.Name,
        image.TopicId,
        KafkaErrorCodes.None,
        null,
        image.Partitions.Count,
        (short)image.Partitions[0].Replicas.Count,
        [.. TopicConfigEntries.Of(image, broker.Settings.TopicDefaults).Select(e => new CreatableTopicConfigResult(
            e.Name, e.Value, ReadOnly: false, e.IsOverride ? DescribeConfigsEntry.Sources.DynamicTopicConfig : DescribeConfigsEntry.Sources.DefaultConfig,
            IsSensitive: false))]);

    private static CreatableTopicResult Refused(string name, short errorCode, string? message) => new(name, Guid.Empty, errorCode, message);
}
