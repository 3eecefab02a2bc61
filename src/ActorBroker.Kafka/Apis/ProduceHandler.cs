using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Records;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;
using ActorBroker.Protocol.Security;
using Akka.Actor;
using Acks = ActorBroker.Protocol.Messages.Acks;
using BrokerProduceRequest = ActorBroker.Protocol.Messages.ProduceRequest;
using BrokerProduceResponse = ActorBroker.Protocol.Messages.ProduceResponse;
using KafkaProduceRequest = ActorBroker.Kafka.Messages.ProduceRequest;
using KafkaProduceResponse = ActorBroker.Kafka.Messages.ProduceResponse;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// Produce (key 0) v3–v9: each partition's one batch becomes the broker's own <see cref="BrokerProduceRequest"/>, sent
/// to the node's front actor (which routes it to the partition's leader wherever it runs), every partition at once.
/// The broker's error codes are Kafka's and pass through. With acks=0 the requests are sent and no response is written.
/// </summary>
public sealed class ProduceHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<KafkaProduceRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    public override ApiVersionRange Range => KafkaProduceRequest.Versions;

    protected override KafkaProduceRequest ReadRequest(ref KafkaReader reader, short version) => KafkaProduceRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(KafkaProduceRequest request, RequestContext context)
    {
        var (refusal, why) = ProduceRules.CheckRequest(request);
        if (refusal != KafkaErrorCodes.None) return Answer(request, refusal, why);

        var acks = (Acks)request.Acks;
        var correlationId = context.Header.CorrelationId;
        if (acks == Acks.None)
        {
            // Nobody waits: the partition sends no answer to acks=0, and its refusals go to dead letters, as Kafka drops them.
            foreach (var topic in request.Topics)
            {
                if (!_authorizer.Allows(context, AclOperation.Write, AclResourceType.Topic, topic.Name)) continue;
                foreach (var partition in topic.Partitions)
                {
                    var (error, _, batch) = Unpacked(topic.Name, ProduceRules.SingleBatch(partition.Records));
                    if (error == ErrorCode.None)
                        broker.Front.Tell(new BrokerProduceRequest(new TopicPartition(topic.Name, partition.Index), acks, request.TimeoutMs, batch!, correlationId));
                }
            }

            return null;
        }

        var answers = new Task<ProducePartitionResponse>[request.Topics.Count][];
        for (var t = 0; t < answers.Length; t++)
        {
            var topic = request.Topics[t];
            var allowed = _authorizer.Allows(context, AclOperation.Write, AclResourceType.Topic, topic.Name);
            answers[t] = new Task<ProducePartitionResponse>[topic.Partitions.Count];
            for (var p = 0; p < topic.Partitions.Count; p++)
                answers[t][p] = !allowed ? Task.FromResult(Denied(topic.Name, topic.Partitions[p].Index)) : ProduceAsync(topic.Name, topic.Partitions[p], acks, request.TimeoutMs, correlationId, context.RequestTimeout);
        }

        var topics = new ProduceTopicResponse[answers.Length];
        for (var t = 0; t < answers.Length; t++)
        {
            var partitions = new ProducePartitionResponse[answers[t].Length];
            for (var p = 0; p < partitions.Length; p++) partitions[p] = await answers[t][p].ConfigureAwait(false);
            topics[t] = new ProduceTopicResponse(request.Topics[t].Name, partitions);
        }

        return new KafkaProduceResponse(topics);
    }

    protected override IKafkaResponse? ErrorResponse(KafkaProduceRequest request, short version, short errorCode) => Answer(request, errorCode, null);

    private async Task<ProducePartitionResponse> ProduceAsync(string topic, ProducePartitionData data, Acks acks, int timeoutMs, int correlationId, TimeSpan askTimeout)
    {
        var (error, message, batch) = Unpacked(topic, ProduceRules.SingleBatch(data.Records));
        if (error != ErrorCode.None) return new ProducePartitionResponse(data.Index, (short)error, -1, ErrorMessage: message);
        try
        {
            var answer = await broker.Front.Ask<BrokerProduceResponse>(
                new BrokerProduceRequest(new TopicPartition(topic, data.Index), acks, timeoutMs, batch!, correlationId), askTimeout).ConfigureAwait(false);
            return answer.Error == ErrorCode.None
                ? new ProducePartitionResponse(data.Index, 0, answer.BaseOffset, -1, answer.LogStartOffset)
                : new ProducePartitionResponse(data.Index, (short)answer.Error, -1, -1, answer.LogStartOffset, ErrorMessage: answer.ErrorMessage);
        }
        catch (Exception e) when (BrokerTimeouts.IsTimeout(e))
        {
            // One slow partition times out alone: the others' answers stand. The batch may still be appended (Kafka's
            // REQUEST_TIMED_OUT means the same), so a client that resends may duplicate it, as with Kafka.
            return new ProducePartitionResponse(data.Index, (short)ErrorCode.RequestTimedOut, -1,
                ErrorMessage: $"the partition's leader did not answer within {askTimeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>
    /// A compressed batch inflated for the broker (<see cref="CompressedBatch"/>), checked against the topic's max.message.bytes as
    /// this node's metadata image has it; other batches, and batches of topics the image does not know, go as they are
    /// and the partition (or the front, for an unknown topic) decides.
    /// </summary>
    private (ErrorCode Error, string? Message, RecordBatch? Batch) Unpacked(string topic, (ErrorCode Error, string? Message, RecordBatch? Batch) single)
    {
        if (single.Batch is not { } batch || batch.Compression() == KafkaCompression.None) return single;
        return broker.Metadata.Current.Topics.TryGetValue(topic, out var image) ? CompressedBatch.Decompress(batch, image.Config.MaxMessageBytes) : single;
    }

    private static ProducePartitionResponse Denied(string topic, int partition) =>
        new(partition, (short)ErrorCode.TopicAuthorizationFailed, -1, ErrorMessage: $"not authorized to write to topic '{topic}'");

    /// <summary>Every partition of the request with <paramref name="errorCode"/> (Kafka's getErrorResponse).</summary>
    private static KafkaProduceResponse Answer(KafkaProduceRequest request, short errorCode, string? message)
    {
        var topics = new ProduceTopicResponse[request.Topics.Count];
        for (var t = 0; t < topics.Length; t++)
        {
            var topic = request.Topics[t];
            var partitions = new ProducePartitionResponse[topic.Partitions.Count];
            for (var p = 0; p < partitions.Length; p++) partitions[p] = new ProducePartitionResponse(topic.Partitions[p].Index, errorCode, -1, ErrorMessage: message);
            topics[t] = new ProduceTopicResponse(topic.Name, partitions);
        }

        return new KafkaProduceResponse(topics);
    }
}
