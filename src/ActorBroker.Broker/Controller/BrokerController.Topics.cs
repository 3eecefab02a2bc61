using System.Text;
using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>Creating topics and adding partitions: validate, assign replicas, persist, publish, answer, place.</summary>
internal sealed partial class BrokerController
{
    private void OnCreateTopic(CreateTopicRequest request)
    {
        var replyTo = Sender;
        var live = LiveBrokers;
        if (TopicRequestRules.CheckCreate(request, _state, live.Count, _settings, out var partitions, out var replicationFactor) is { } rejection)
        {
            Refuse(replyTo, "create", request.Name, request.CorrelationId, rejection);
            return;
        }

        // A random start spreads the leaders of many small topics over the nodes, as Kafka does.
        var replicas = ReplicaAssignment.Assign(live, partitions, replicationFactor, Random.Shared.Next(live.Count), Random.Shared.Next(live.Count));
        var configs = new SortedDictionary<string, string>(request.Configs?.ToDictionary() ?? [], StringComparer.Ordinal);
        var created = new TopicCreated(request.Name, Guid.NewGuid(), configs, [.. replicas.Select(PartitionAssignment.Initial)]);
        Persist(created, e =>
        {
            _state.Apply(e);
            var topic = _state.Topics[e.Name];
            _log.Info("Created topic {Topic} (topic id {TopicId}) with {Partitions} partitions, replication factor {ReplicationFactor}{Configs}; replicas, leader first: {Assignment}", new object?[] {
                e.Name, e.TopicId, e.Partitions.Count, replicationFactor, configs.Count == 0 ? "" : $", configs {string.Join(", ", configs.Select(c => $"{c.Key}={c.Value}"))}",
                DescribeAssignment(topic, 0) });
            // Placing first makes it likely the coordinator knows where the shards belong before clients learn of them.
            for (var i = 0; i < topic.Partitions.Count; i++) Place(topic.PartitionId(i));
            Publish($"topic {e.Name} created");
            AnswerOnceCommitted(replyTo, new TopicAdminResponse(e.Name, ErrorCode.None, null, request.CorrelationId));
        });
    }

    private void OnCreatePartitions(CreatePartitionsRequest request)
    {
        var replyTo = Sender;
        var live = LiveBrokers;
        if (TopicRequestRules.CheckCreatePartitions(request, _state, live.Count, _settings) is { } rejection)
        {
            Refuse(replyTo, "add partitions to", request.Name, request.CorrelationId, rejection);
            return;
        }

        var topic = _state.Topics[request.Name];
        var current = topic.Partitions.Count;
        // Kafka anchors new partitions where partition 0's leader sits, continuing its round-robin.
        var start = ReplicaAssignment.StartIndexFor(live, topic.Partitions[0].Replicas[0]);
        var replicas = ReplicaAssignment.Assign(live, request.TotalCount - current, _state.ReplicationFactorOf(topic), start, start, firstPartition: current);
        Persist(new PartitionsCreated(topic.Name, topic.TopicId, [.. replicas.Select(PartitionAssignment.Initial)]), e =>
        {
            _state.Apply(e);
            var grown = _state.Topics[e.Name];
            _log.Info("Added {Added} partitions to topic {Topic} (topic id {TopicId}), {Total} now; new replicas, leader first: {Assignment}",
                e.Added.Count, e.Name, e.TopicId, grown.Partitions.Count, DescribeAssignment(grown, current));
            for (var i = current; i < grown.Partitions.Count; i++) Place(grown.PartitionId(i));
            Publish($"partitions added to {e.Name}");
            AnswerOnceCommitted(replyTo, new TopicAdminResponse(e.Name, ErrorCode.None, null, request.CorrelationId));
        });
    }

    private void Refuse(IActorRef replyTo, string action, string? topic, long correlationId, Rejection rejection)
    {
        _log.Info("Refused to {Action} topic '{Topic}': {Error}: {Message}", action, topic, rejection.Error, rejection.Message);
        replyTo.Tell(new TopicAdminResponse(topic ?? "", rejection.Error, rejection.Message, correlationId), Self);
    }

    /// <summary>"0: a, b; 1: b, c; ..." from partition <paramref name="from"/> on, cut short for big topics.</summary>
    private static string DescribeAssignment(TopicState topic, int from, int max = 32)
    {
        var text = new StringBuilder();
        for (var i = from; i < topic.Partitions.Count && i < from + max; i++)
        {
            if (text.Length > 0) text.Append("; ");
            text.Append(i).Append(": ").AppendJoin(", ", topic.Partitions[i].Replicas);
        }

        if (topic.Partitions.Count - from > max) text.Append("; and ").Append(topic.Partitions.Count - from - max).Append(" more");
        return text.ToString();
    }
}
