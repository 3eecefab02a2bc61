using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Kafka.Security;
using ActorBroker.Protocol.Security;
using BrokerDeleteTopicRequest = ActorBroker.Protocol.Messages.DeleteTopicRequest;

namespace ActorBroker.Kafka.Apis.Admin;

/// <summary>
/// DeleteTopics (key 20) v0–v5: each name becomes the broker's DeleteTopicRequest to the front actor. Once the
/// controller accepted it, the answer waits (within the request's timeout) until this node's metadata no longer lists
/// the topic, so a client that asks this node next does not find it. Topics by id (v6) are not served.
/// </summary>
public sealed class DeleteTopicsHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<DeleteTopicsRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    public override ApiVersionRange Range => DeleteTopicsRequest.Versions;

    protected override DeleteTopicsRequest ReadRequest(ref KafkaReader reader, short version) => DeleteTopicsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(DeleteTopicsRequest request, RequestContext context)
    {
        // As Kafka: a name listed twice is refused, once, rather than deleted for one copy and unknown for the other.
        var duplicates = request.TopicNames.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var results = request.TopicNames.Distinct(StringComparer.Ordinal).Select(name => duplicates.Contains(name)
            ? Task.FromResult(new DeletableTopicResult(name, KafkaErrorCodes.InvalidRequest, $"topic '{name}' is listed more than once in the request"))
            : DeleteAsync(name, request.TimeoutMs, context));
        return new DeleteTopicsResponse(await Task.WhenAll(results).ConfigureAwait(false));
    }

    protected override IKafkaResponse? ErrorResponse(DeleteTopicsRequest request, short version, short errorCode) =>
        new DeleteTopicsResponse([.. request.TopicNames.Distinct(StringComparer.Ordinal).Select(name => new DeletableTopicResult(name, errorCode))]);

    private async Task<DeletableTopicResult> DeleteAsync(string name, int timeoutMs, RequestContext context)
    {
        if (!_authorizer.Allows(context, AclOperation.Delete, AclResourceType.Topic, name))
            return new DeletableTopicResult(name, (short)ErrorCode.TopicAuthorizationFailed, $"not authorized to delete topic '{name}'");
        var correlationId = context.Header.CorrelationId;
        var answer = await TopicAdminAsk.AskAsync(broker.Front, new BrokerDeleteTopicRequest(name, correlationId), name, correlationId, context.RequestTimeout)
            .ConfigureAwait(false);
        if (answer.Error != ErrorCode.None) return new DeletableTopicResult(name, (short)answer.Error, answer.ErrorMessage);

        // Kafka answers REQUEST_TIMED_OUT when the deletion is not done within the timeout; it goes on regardless.
        var gone = await MetadataWait.UntilAsync(broker.Metadata, image => !image.Topics.ContainsKey(name), MetadataWait.Bound(timeoutMs, context.RequestTimeout))
            .ConfigureAwait(false);
        return gone || timeoutMs <= 0
            ? new DeletableTopicResult(name, KafkaErrorCodes.None)
            : new DeletableTopicResult(name, (short)ErrorCode.RequestTimedOut, $"topic '{name}' is being deleted but this node still listed it after {timeoutMs} ms");
    }
}
