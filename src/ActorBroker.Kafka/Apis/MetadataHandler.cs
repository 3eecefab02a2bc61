using ActorBroker.Broker;
using ActorBroker.Kafka.Discovery;
using ActorBroker.Kafka.Messages;
using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol;
using Akka.Actor;
using ActorBroker.Kafka.Security;
using ActorBroker.Protocol.Security;
using BrokerMetadataRequest = ActorBroker.Protocol.Messages.MetadataRequest;
using BrokerMetadataResponse = ActorBroker.Protocol.Messages.MetadataResponse;
using PartitionMetadata = ActorBroker.Protocol.Messages.PartitionMetadata;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// Metadata (key 3) v1–v12, answered from the node's metadata cache (asked through the front actor, as the native
/// client asks): the live nodes whose Kafka endpoint is known, with their Kafka node ids; the cluster id and the
/// controller's node; the topics with ids, partitions, leaders, leader epochs, replicas and ISR. Topics are never
/// created by a Metadata request, whatever allow_auto_topic_creation says: an unknown topic is answered
/// UNKNOWN_TOPIC_OR_PARTITION, and topics are created with CreateTopics.
/// </summary>
public sealed class MetadataHandler(BrokerHost broker, KafkaEndpoints endpoints, ClusterIdentity cluster, KafkaAuthorizer? authorizer = null)
    : KafkaApiHandler<MetadataRequest>
{
    private readonly KafkaAuthorizer _authorizer = authorizer ?? KafkaAuthorizer.AllowAll;

    private const short UnknownTopicId = 100;

    public override ApiVersionRange Range { get; } = new(ApiKey.Metadata, 1, 12, FlexibleFrom: 9);

    protected override MetadataRequest ReadRequest(ref KafkaReader reader, short version) => MetadataRequest.Read(ref reader, version);

    protected override async Task<IKafkaResponse?> HandleAsync(MetadataRequest request, RequestContext context)
    {
        var (names, unknownIds) = Names(request);
        var answer = await broker.Front.Ask<BrokerMetadataResponse>(new BrokerMetadataRequest(names, context.Header.CorrelationId), context.RequestTimeout)
            .ConfigureAwait(false);

        var known = endpoints.Current;
        var live = new HashSet<string>(StringComparer.Ordinal);
        var brokers = new List<MetadataResponseBroker>(answer.Nodes.Count);
        foreach (var node in answer.Nodes)
        {
            live.Add(node.Id);
            // A node whose listener has not published its endpoint yet cannot be connected to: it is left out until it has.
            if (known.TryGetValue(node.Id, out var endpoint)) brokers.Add(new MetadataResponseBroker(KafkaNodeIds.Of(node.Id), endpoint.Host, endpoint.Port));
        }

        var topics = new List<MetadataResponseTopic>(answer.Topics.Count + unknownIds.Count);
        foreach (var topic in answer.Topics)
        {
            if (!_authorizer.Allows(context, AclOperation.Describe, AclResourceType.Topic, topic.Name))
            {
                // As Kafka: a topic the client may not describe is left out of "all topics" and refused when named.
                if (names is not null) topics.Add(new MetadataResponseTopic((short)ErrorCode.TopicAuthorizationFailed, topic.Name, Guid.Empty, false, []));
                continue;
            }

            var partitions = new MetadataResponsePartition[topic.Partitions.Count];
            for (var i = 0; i < partitions.Length; i++) partitions[i] = Partition(topic.Partitions[i], live, known);
            topics.Add(new MetadataResponseTopic((short)topic.Error, topic.Name, topic.TopicId, IsInternal: false, partitions));
        }

        foreach (var id in unknownIds) topics.Add(new MetadataResponseTopic(UnknownTopicId, null, id, false, []));

        var controller = cluster.ControllerNodeId is { } controllerNode && known.ContainsKey(controllerNode) ? KafkaNodeIds.Of(controllerNode) : -1;
        return new MetadataResponse(brokers, cluster.ClusterId, controller, topics);
    }

    /// <summary>Every asked topic with the error; no brokers (Kafka's getErrorResponse).</summary>
    protected override IKafkaResponse? ErrorResponse(MetadataRequest request, short version, short errorCode) =>
        new MetadataResponse([], cluster.ClusterId, -1,
            [.. (request.Topics ?? []).Select(t => new MetadataResponseTopic(errorCode, t.Name, t.TopicId, false, []))]);

    /// <summary>
    /// The broker's request asks by name: topics asked by id (v12) are looked up in the node's metadata image first;
    /// ids it does not know are answered UNKNOWN_TOPIC_ID without asking.
    /// </summary>
    private (List<string>? Names, List<Guid> UnknownIds) Names(MetadataRequest request)
    {
        if (request.Topics is null) return (null, []);
        var names = new List<string>(request.Topics.Count);
        var unknownIds = new List<Guid>();
        foreach (var topic in request.Topics)
        {
            if (topic.Name is not null) names.Add(topic.Name);
            else if (FindName(topic.TopicId) is { } name) names.Add(name);
            else unknownIds.Add(topic.TopicId);
        }

        return (names, unknownIds);
    }

    private string? FindName(Guid topicId)
    {
        foreach (var topic in broker.Metadata.Current.Topics.Values)
            if (topic.TopicId == topicId) return topic.Name;
        return null;
    }

    /// <summary>
    /// A partition whose leader has no known Kafka endpoint has no leader for Kafka clients: -1 with
    /// LEADER_NOT_AVAILABLE, which makes them ask again shortly.
    /// </summary>
    private static MetadataResponsePartition Partition(PartitionMetadata p, HashSet<string> live, IReadOnlyDictionary<string, HostPort> known)
    {
        var leaderReachable = p.Leader is { } leader && live.Contains(leader) && known.ContainsKey(leader);
        var error = p.Error != ErrorCode.None ? p.Error : leaderReachable ? ErrorCode.None : ErrorCode.LeaderNotAvailable;
        var offline = 0;
        foreach (var replica in p.Replicas)
            if (!live.Contains(replica)) offline++;
        var offlineIds = new int[offline];
        offline = 0;
        foreach (var replica in p.Replicas)
            if (!live.Contains(replica)) offlineIds[offline++] = KafkaNodeIds.Of(replica);
        return new MetadataResponsePartition((short)error, p.Partition, leaderReachable ? KafkaNodeIds.Of(p.Leader!) : -1, p.LeaderEpoch,
            Ids(p.Replicas), Ids(p.Isr), offlineIds);
    }

    private static int[] Ids(IReadOnlyList<string> nodeIds)
    {
        var ids = new int[nodeIds.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = KafkaNodeIds.Of(nodeIds[i]);
        return ids;
    }
}
