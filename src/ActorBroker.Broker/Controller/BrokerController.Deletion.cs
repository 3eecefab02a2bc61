using Akka.Actor;
using ActorBroker.Broker.Internal;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Event;
using ActorBroker.Broker.Partitions;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Deleting a topic in two steps. First the topic leaves the published topics (clients see it gone) and each
/// partition is told, through the shard region, to delete its log; the order is re-sent every retry-interval until
/// the partition confirms. Once all have confirmed the topic is deleted for good, the requests waiting for it are
/// answered, and its name may be used again. A partition whose leader's node is not Up cannot be reached; its log
/// stays on that node (a topic created again under the name has a new topic id, so it never reads it).
/// </summary>
internal sealed partial class BrokerController
{
    private readonly Dictionary<string, Deletion> _deletions = new(StringComparer.Ordinal);

    private void OnDeleteTopic(DeleteTopicRequest request)
    {
        var replyTo = Sender;
        if (TopicRequestRules.CheckDelete(request, _state) is { } rejection)
        {
            Refuse(replyTo, "delete", request.Name, request.CorrelationId, rejection);
            return;
        }

        if (_deletions.TryGetValue(request.Name, out var running))
        {
            running.Waiters.Add(Waiter(replyTo, request.CorrelationId));
            return;
        }

        var topic = _state.Topics[request.Name];
        Persist(new TopicDeletionStarted(topic.Name, topic.TopicId), e =>
        {
            _state.Apply(e);
            _log.Info("Deleting topic {Topic} (topic id {TopicId}, {Partitions} partitions): asking its partitions to delete their logs",
                e.Name, e.TopicId, topic.Partitions.Count);
            Publish($"topic {e.Name} deletion started");
            StartDeletion(topic, Waiter(replyTo, request.CorrelationId));
        });
    }

    private void StartDeletion(TopicState topic, Deletion.Waiter? waiter)
    {
        var deletion = new Deletion(topic);
        if (waiter is not null) deletion.Waiters.Add(waiter);
        _deletions[topic.Name] = deletion;
        SendDeletes(deletion);
    }

    private void SendDeletes(Deletion deletion)
    {
        var topic = deletion.Topic;
        foreach (var partition in deletion.Pending.ToList())
        {
            var id = topic.PartitionId(partition);
            var leader = topic.Partitions[partition].Leader;
            if (leader is null || !IsUp(leader, out _))
            {
                deletion.Pending.Remove(partition);
                deletion.LeftBehind.Add(id);
                _log.Warning("Partition {Partition} of deleted topic {TopicId} keeps its log on {Node}, whose node is not Up to delete it",
                    id, topic.TopicId, leader ?? "no node (offline)");
                continue;
            }

            _partitionRegion.Tell(new DeletePartition(id, topic.TopicId), Self);
        }

        if (deletion.Pending.Count == 0) FinishDeletion(deletion);
    }

    private void OnPartitionDeleted(PartitionDeleted deleted)
    {
        if (deleted.Error != ErrorCode.None)
        {
            // Still pending: the next retry sends the order again.
            _log.Warning("Partition {Partition} of topic id {TopicId} did not delete its log: {Error} {Message}",
                deleted.Partition, deleted.TopicId, deleted.Error, deleted.ErrorMessage);
            return;
        }

        if (_deletions.TryGetValue(deleted.Partition.Topic, out var deletion) && deletion.Topic.TopicId == deleted.TopicId
            && deletion.Pending.Remove(deleted.Partition.Partition) && deletion.Pending.Count == 0)
            FinishDeletion(deletion);
    }

    private void FinishDeletion(Deletion deletion)
    {
        var topic = deletion.Topic;
        _deletions.Remove(topic.Name);
        Persist(new TopicDeleted(topic.Name, topic.TopicId), e =>
        {
            _state.Apply(e);
            ForgetPlacements(topic);
            _log.Info("Deleted topic {Topic} (topic id {TopicId}): {Deleted} of {Partitions} partition logs deleted{LeftBehind}",
                e.Name, e.TopicId, topic.Partitions.Count - deletion.LeftBehind.Count, topic.Partitions.Count,
                deletion.LeftBehind.Count == 0 ? "" : $"; left on nodes that were not Up: {Describe(deletion.LeftBehind)}");
            foreach (var waiter in deletion.Waiters) waiter.ReplyTo.Tell(new TopicAdminResponse(e.Name, ErrorCode.None, null, waiter.CorrelationId), Self);
            Publish($"topic {e.Name} deleted");
        });
    }

    private void RetryDeletions()
    {
        var now = Environment.TickCount64;
        foreach (var deletion in _deletions.Values.ToList())
        {
            foreach (var waiter in deletion.Waiters.Where(w => w.DeadlineMs <= now).ToList())
            {
                deletion.Waiters.Remove(waiter);
                var pending = deletion.Pending.Select(deletion.Topic.PartitionId).ToList();
                waiter.ReplyTo.Tell(new TopicAdminResponse(deletion.Topic.Name, ErrorCode.RequestTimedOut,
                    $"topic '{deletion.Topic.Name}' is still being deleted after {_settings.TopicDeletionTimeout}: partitions {Describe(pending)} have not confirmed that their logs are deleted; the deletion goes on",
                    waiter.CorrelationId), Self);
            }

            SendDeletes(deletion);
        }
    }

    private Deletion.Waiter Waiter(IActorRef replyTo, long correlationId) =>
        new(replyTo, correlationId, Environment.TickCount64 + (long)_settings.TopicDeletionTimeout.TotalMilliseconds);

    /// <summary>A topic whose partitions are deleting their logs, and the requests waiting for it.</summary>
    private sealed class Deletion(TopicState topic)
    {
        public TopicState Topic { get; } = topic;

        public HashSet<int> Pending { get; } = [.. Enumerable.Range(0, topic.Partitions.Count)];

        public List<TopicPartition> LeftBehind { get; } = [];

        public List<Waiter> Waiters { get; } = [];

        public sealed record Waiter(IActorRef ReplyTo, long CorrelationId, long DeadlineMs);
    }
}
