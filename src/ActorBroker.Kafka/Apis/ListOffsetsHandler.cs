using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Security;
using Akka.Actor;
using BrokerListOffsetsRequest = ActorBroker.Protocol.Messages.ListOffsetsRequest;
using BrokerListOffsetsResponse = ActorBroker.Protocol.Messages.ListOffsetsResponse;
using KafkaListOffsetsRequest = ActorBroker.Kafka.Messages.ListOffsetsRequest;
using KafkaListOffsetsResponse = ActorBroker.Kafka.Messages.ListOffsetsResponse;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// ListOffsets (key 2) v1–v7: earliest (-2), latest (-1, the high watermark), max timestamp (-3, v7: the first record
/// with the largest timestamp) and by timestamp become the broker's own <see cref="BrokerListOffsetsRequest"/> through
/// the front actor, every partition at once. Without transactions the last stable offset is the high watermark, so
/// READ_COMMITTED is answered as READ_UNCOMMITTED.
/// </summary>
public sealed class ListOffsetsHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<KafkaListOffsetsRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    public override ApiVersionRange Range => KafkaListOffsetsRequest.Versions;

    protected override KafkaListOffsetsRequest ReadRequest(ref KafkaReader reader, short version) => KafkaListOffsetsRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(KafkaListOffsetsRequest request, RequestContext context)
    {
        var answers = new Task<ListOffsetsPartitionResponse>[request.Topics.Count][];
        for (var t = 0; t < answers.Length; t++)
        {
            var topic = request.Topics[t];
            answers[t] = new Task<ListOffsetsPartitionResponse>[topic.Partitions.Count];
            for (var p = 0; p < topic.Partitions.Count; p++)
                answers[t][p] = ListAsync(new TopicPartition(topic.Name, topic.Partitions[p].PartitionIndex), topic.Partitions[p].Timestamp, context);
        }

        var topics = new ListOffsetsTopicResponse[answers.Length];
        for (var t = 0; t < answers.Length; t++)
        {
            var partitions = new ListOffsetsPartitionResponse[answers[t].Length];
            for (var p = 0; p < partitions.Length; p++) partitions[p] = await answers[t][p].ConfigureAwait(false);
            topics[t] = new ListOffsetsTopicResponse(request.Topics[t].Name, partitions);
        }

        return new KafkaListOffsetsResponse(topics);
    }

    protected override IKafkaResponse? ErrorResponse(KafkaListOffsetsRequest request, short version, short errorCode)
    {
        var topics = new ListOffsetsTopicResponse[request.Topics.Count];
        for (var t = 0; t < topics.Length; t++)
        {
            var topic = request.Topics[t];
            var partitions = new ListOffsetsPartitionResponse[topic.Partitions.Count];
            for (var p = 0; p < partitions.Length; p++) partitions[p] = new ListOffsetsPartitionResponse(topic.Partitions[p].PartitionIndex, errorCode, -1, -1);
            topics[t] = new ListOffsetsTopicResponse(topic.Name, partitions);
        }

        return new KafkaListOffsetsResponse(topics);
    }

    private async Task<ListOffsetsPartitionResponse> ListAsync(TopicPartition partition, long timestamp, RequestContext context)
    {
        if (!_authorizer.Allows(context, AclOperation.Describe, AclResourceType.Topic, partition.Topic))
            return new ListOffsetsPartitionResponse(partition.Partition, (short)ErrorCode.TopicAuthorizationFailed, -1, -1);
        try
        {
            var answer = await broker.Front.Ask<BrokerListOffsetsResponse>(
                new BrokerListOffsetsRequest(partition, timestamp, context.Header.CorrelationId), context.RequestTimeout).ConfigureAwait(false);
            return answer.Error == ErrorCode.None
                ? new ListOffsetsPartitionResponse(partition.Partition, 0, answer.Timestamp, answer.Offset, LeaderEpoch(partition))
                : new ListOffsetsPartitionResponse(partition.Partition, (short)answer.Error, -1, -1);
        }
        catch (Exception e) when (BrokerTimeouts.IsTimeout(e))
        {
            return new ListOffsetsPartitionResponse(partition.Partition, (short)ErrorCode.RequestTimedOut, -1, -1);
        }
    }

    /// <summary>
    /// The partition's current leader epoch as this node's metadata image has it, -1 if it has none. Kafka answers the
    /// epoch of the record found; the partitions do not say it, and clients use it only to detect a diverged log
    /// (OffsetForLeaderEpoch, which is not served), so the current epoch is the closest honest answer.
    /// </summary>
    private int LeaderEpoch(TopicPartition partition) =>
        broker.Metadata.Current.TryGetPartition(partition, out _, out var image) ? image.LeaderEpoch : -1;
}
