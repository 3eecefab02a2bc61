using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Kafka.Security;
using ActorBroker.Protocol.Security;
using BrokerCreatePartitionsRequest = ActorBroker.Protocol.Messages.CreatePartitionsRequest;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// CreatePartitions (key 37) v0–v3: each topic becomes the broker's CreatePartitionsRequest (the total count wanted).
/// Manual assignments of the new partitions' replicas are not supported (the controller places them): such a topic is
/// answered INVALID_REQUEST. validate_only is checked by <see cref="ValidateOnly"/> against this node's metadata image.
/// Once grown, the answer waits (within the request's timeout) until this node's metadata shows the new partitions.
/// </summary>
public sealed class CreatePartitionsHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<CreatePartitionsRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    public override ApiVersionRange Range => CreatePartitionsRequest.Versions;

    protected override CreatePartitionsRequest ReadRequest(ref KafkaReader reader, short version) => CreatePartitionsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(CreatePartitionsRequest request, RequestContext context)
    {
        var duplicates = request.Topics.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var results = request.Topics.Select(topic => duplicates.Contains(topic.Name)
            ? Task.FromResult(new CreatePartitionsTopicResult(topic.Name, KafkaErrorCodes.InvalidRequest, $"topic '{topic.Name}' is listed more than once in the request"))
            : GrowAsync(topic, request, context));
        return new CreatePartitionsResponse(await Task.WhenAll(results).ConfigureAwait(false));
    }

    protected override IKafkaResponse? ErrorResponse(CreatePartitionsRequest request, short version, short errorCode) =>
        new CreatePartitionsResponse([.. request.Topics.Select(t => new CreatePartitionsTopicResult(t.Name, errorCode))]);

    private async Task<CreatePartitionsTopicResult> GrowAsync(CreatePartitionsTopic topic, CreatePartitionsRequest request, RequestContext context)
    {
        if (!_authorizer.Allows(context, AclOperation.Alter, AclResourceType.Topic, topic.Name))
            return new CreatePartitionsTopicResult(topic.Name, (short)ErrorCode.TopicAuthorizationFailed, $"not authorized to alter topic '{topic.Name}'");
        if (topic.Assignments is not null)
            return new CreatePartitionsTopicResult(topic.Name, KafkaErrorCodes.InvalidRequest,
                "manual replica assignments are not supported: ActorBroker's controller places the new partitions' replicas; give only the count");
        if (request.ValidateOnly)
        {
            var (error, message) = ValidateOnly.CreatePartitions(broker.Metadata.Current, broker.Settings, topic.Name, topic.Count);
            return new CreatePartitionsTopicResult(topic.Name, (short)error, message);
        }

        var correlationId = context.Header.CorrelationId;
        var answer = await TopicAdminAsk.AskAsync(broker.Front, new BrokerCreatePartitionsRequest(topic.Name, topic.Count, correlationId), topic.Name, correlationId,
            context.RequestTimeout).ConfigureAwait(false);
        if (answer.Error != ErrorCode.None) return new CreatePartitionsTopicResult(topic.Name, (short)answer.Error, answer.ErrorMessage);

        // Grown and acknowledged: an image that lags past the timeout still means success, as in Kafka.
        await MetadataWait.UntilAsync(broker.Metadata, image => image.Topics.TryGetValue(topic.Name, out var t) && t.Partitions.Count >= topic.Count,
            MetadataWait.Bound(request.TimeoutMs, context.RequestTimeout)).ConfigureAwait(false);
        return new CreatePartitionsTopicResult(topic.Name, KafkaErrorCodes.None);
    }
}
