using ActorBroker.Broker;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Security;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Security;
using ActorBroker.Protocol.Records;
using Akka.Actor;
using BrokerFetchRequest = ActorBroker.Protocol.Messages.FetchRequest;
using BrokerFetchResponse = ActorBroker.Protocol.Messages.FetchResponse;
using KafkaFetchRequest = ActorBroker.Kafka.Messages.FetchRequest;
using KafkaFetchResponse = ActorBroker.Kafka.Messages.FetchResponse;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// Fetch (key 1) v4–v12 for consumers: each partition becomes the broker's own <see cref="BrokerFetchRequest"/> through
/// the front actor; <see cref="FetchWaitPlan"/> decides when to answer and <see cref="FetchSizeBudget"/> what fits.
/// Fetch sessions (KIP-227) are not kept: every fetch is answered with session id 0, which tells the client to send
/// full fetches, as Kafka does when its session cache is full; an incremental fetch of a session id is answered
/// FETCH_SESSION_ID_NOT_FOUND. Replica fetches (replica_id ≥ 0) belong to the broker's own replication and are refused
/// with CLUSTER_AUTHORIZATION_FAILED, as Kafka refuses a follower it does not authorize. A debugging consumer's fetch
/// (replica_id -2) is read from this node's own replica up to its high watermark, leader or follower, as in Kafka.
/// </summary>
public sealed class FetchHandler(BrokerHost broker, TimeProvider time, KafkaAuthorizer? authorizer = null) : KafkaApiHandler<KafkaFetchRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;
    private static readonly IReadOnlyList<RecordBatch> NoBatches = [];

    public FetchHandler(BrokerHost broker, KafkaAuthorizer? authorizer = null) : this(broker, TimeProvider.System, authorizer)
    {
    }

    public override ApiVersionRange Range => KafkaFetchRequest.Versions;

    protected override KafkaFetchRequest ReadRequest(ref KafkaReader reader, short version) => KafkaFetchRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(KafkaFetchRequest request, RequestContext context)
    {
        if (request.ReplicaId >= 0) return Answer(request, KafkaErrorCodes.ClusterAuthorizationFailed);
        if (request.SessionId != 0) return new KafkaFetchResponse(KafkaErrorCodes.FetchSessionIdNotFound, 0, []);

        var started = time.GetTimestamp();
        var asked = Flatten(request);
        var answers = new BrokerFetchResponse[asked.Length];
        var plan = new FetchWaitPlan(asked.Length, request.MaxWaitMs, request.MinBytes);

        // First every partition without waiting: data already there is answered without a long-poll's round trip.
        var immediate = new Task<BrokerFetchResponse>[asked.Length];
        for (var i = 0; i < asked.Length; i++) immediate[i] = FetchAsync(asked[i], request, 0, 0, context.RequestTimeout, context);
        for (var i = 0; i < asked.Length; i++) Record(plan, answers, i, await immediate[i].ConfigureAwait(false));

        var left = TimeSpan.FromMilliseconds(request.MaxWaitMs) - time.GetElapsedTime(started);
        if (!plan.Satisfied && left > TimeSpan.Zero) await LongPollAsync(request, context, asked, answers, plan, left).ConfigureAwait(false);

        return Build(request, asked, answers);
    }

    protected override IKafkaResponse? ErrorResponse(KafkaFetchRequest request, short version, short errorCode) => Answer(request, errorCode);

    /// <summary>
    /// Asks every partition that may still give something to wait for more, and returns as soon as the plan is
    /// satisfied or <paramref name="left"/> passes. Partitions still waiting then keep their first answer; their late
    /// answers are dropped (the parked fetch ends at the partition by its own timer).
    /// </summary>
    private async Task LongPollAsync(KafkaFetchRequest request, RequestContext context, Asked[] asked, BrokerFetchResponse[] answers, FetchWaitPlan plan, TimeSpan left)
    {
        var waitMs = (int)Math.Ceiling(left.TotalMilliseconds);
        var waiting = new List<Task<BrokerFetchResponse>>(asked.Length + 1);
        var indexOf = new Dictionary<Task, int>(asked.Length);
        for (var i = 0; i < asked.Length; i++)
        {
            if (!plan.WaitsOn(i)) continue;
            var task = FetchAsync(asked[i], request, plan.MinBytesToWaitFor(i), waitMs, left + context.RequestTimeout, context);
            waiting.Add(task);
            indexOf[task] = i;
        }

        using var cancel = new CancellationTokenSource();
        var deadline = Task.Delay(left, time, cancel.Token);
        try
        {
            while (waiting.Count > 0)
            {
                var done = await Task.WhenAny(Task.WhenAny(waiting), deadline).ConfigureAwait(false);
                if (done == deadline) break;
                var answered = await ((Task<Task<BrokerFetchResponse>>)done).ConfigureAwait(false);
                waiting.Remove(answered);
                Record(plan, answers, indexOf[answered], await answered.ConfigureAwait(false));
                if (plan.Satisfied) break;
            }
        }
        finally
        {
            await cancel.CancelAsync().ConfigureAwait(false);
        }
    }

    private static void Record(FetchWaitPlan plan, BrokerFetchResponse[] answers, int index, BrokerFetchResponse answer)
    {
        answers[index] = answer;
        long bytes = 0;
        for (var b = 0; b < answer.Batches.Count; b++) bytes += answer.Batches[b].SizeInBytes;
        plan.Record(index, bytes, answer.Error != ErrorCode.None);
    }

    /// <summary>One partition's ask; a timeout is that partition's REQUEST_TIMED_OUT, never the whole fetch's.</summary>
    private async Task<BrokerFetchResponse> FetchAsync(Asked asked, KafkaFetchRequest request, int minBytes, int maxWaitMs, TimeSpan askTimeout, RequestContext context)
    {
        if (!_authorizer.Allows(context, AclOperation.Read, AclResourceType.Topic, asked.Partition.Topic))
            return BrokerFetchResponse.Failed(asked.Partition, ErrorCode.TopicAuthorizationFailed, $"not authorized to read topic '{asked.Partition.Topic}'",
                context.Header.CorrelationId);
        var maxBytes = Math.Min(asked.Request.PartitionMaxBytes, request.MaxBytes);
        var replicaId = request.ReplicaId == KafkaFetchRequest.DebuggingConsumerId ? BrokerFetchRequest.DebugReplicaId : null;
        var fetch = new BrokerFetchRequest(asked.Partition, asked.Request.FetchOffset, maxBytes, minBytes, maxWaitMs, asked.Request.CurrentLeaderEpoch, replicaId,
            context.Header.CorrelationId);
        try
        {
            return await broker.Front.Ask<BrokerFetchResponse>(fetch, askTimeout).ConfigureAwait(false);
        }
        catch (Exception e) when (BrokerTimeouts.IsTimeout(e))
        {
            return BrokerFetchResponse.Failed(asked.Partition, ErrorCode.RequestTimedOut, "no answer in time", fetch.CorrelationId);
        }
    }

    private static KafkaFetchResponse Build(KafkaFetchRequest request, Asked[] asked, BrokerFetchResponse[] answers)
    {
        var budget = new FetchSizeBudget(request.MaxBytes);
        var topics = new FetchTopicResponse[request.Topics.Count];
        var i = 0;
        for (var t = 0; t < topics.Length; t++)
        {
            var partitions = new FetchPartitionResponse[request.Topics[t].Partitions.Count];
            for (var p = 0; p < partitions.Length; p++, i++)
            {
                var answer = answers[i];
                var failed = answer.Error != ErrorCode.None;
                var batches = failed ? NoBatches : budget.Take(answer.Batches, asked[i].Request.PartitionMaxBytes);
                // No transactions: the last stable offset is the high watermark, and nothing was aborted.
                partitions[p] = new FetchPartitionResponse(asked[i].Request.Partition, (short)answer.Error, answer.HighWatermark, answer.HighWatermark,
                    answer.LogStartOffset, batches);
            }

            topics[t] = new FetchTopicResponse(request.Topics[t].Topic, partitions);
        }

        return new KafkaFetchResponse(KafkaErrorCodes.None, 0, topics);
    }

    /// <summary>Every partition with <paramref name="errorCode"/> and no records; in v7+ the request's own error too.</summary>
    private static KafkaFetchResponse Answer(KafkaFetchRequest request, short errorCode)
    {
        var topics = new FetchTopicResponse[request.Topics.Count];
        for (var t = 0; t < topics.Length; t++)
        {
            var topic = request.Topics[t];
            var partitions = new FetchPartitionResponse[topic.Partitions.Count];
            for (var p = 0; p < partitions.Length; p++) partitions[p] = new FetchPartitionResponse(topic.Partitions[p].Partition, errorCode, -1, -1, -1, NoBatches);
            topics[t] = new FetchTopicResponse(topic.Topic, partitions);
        }

        return new KafkaFetchResponse(errorCode, 0, topics);
    }

    private static Asked[] Flatten(KafkaFetchRequest request)
    {
        var count = 0;
        for (var t = 0; t < request.Topics.Count; t++) count += request.Topics[t].Partitions.Count;
        var asked = new Asked[count];
        var i = 0;
        for (var t = 0; t < request.Topics.Count; t++)
        {
            var topic = request.Topics[t];
            for (var p = 0; p < topic.Partitions.Count; p++) asked[i++] = new Asked(new TopicPartition(topic.Topic, topic.Partitions[p].Partition), topic.Partitions[p]);
        }

        return asked;
    }

    private readonly record struct Asked(TopicPartition Partition, FetchPartition Request);
}
