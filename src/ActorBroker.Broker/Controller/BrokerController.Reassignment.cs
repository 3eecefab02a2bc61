using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// Partition reassignment (see <see cref="ReassignmentRules"/>): the request is answered once step 1 is persisted;
/// step 2 is persisted with the ISR change that lets the last adding replica in (or the election that gives the
/// partition a leader again), and a recovered controller completes the ones that were ready when it started.
/// </summary>
internal sealed partial class BrokerController
{
    private void OnReassign(AlterPartitionReassignmentsRequest request)
    {
        var replyTo = Sender;
        if (ReassignmentRules.Check(request, _state, IsUp) is { } rejection)
        {
            _log.Info("Refused to reassign partition {Partition} of topic '{Topic}' to [{Replicas}]: {Error}: {Message}",
                request.Partition, request.Topic, Join(request.Replicas ?? []), rejection.Error, rejection.Message);
            replyTo.Tell(new TopicAdminResponse(request.Topic ?? "", rejection.Error, rejection.Message, request.CorrelationId), Self);
            return;
        }

        var id = new TopicPartition(request.Topic, request.Partition);
        _state.TryGetPartition(id, out var topic, out var current);
        var answer = new TopicAdminResponse(request.Topic, ErrorCode.None, null, request.CorrelationId);
        if (current.Replicas.SequenceEqual(request.Replicas))
        {
            replyTo.Tell(answer, Self);
            return;
        }

        IReadOnlyList<string> target = [.. request.Replicas];
        var started = ReassignmentRules.Start(current, target);
        List<PartitionUpdate> updates = [new(id, topic.TopicId, current, started, PartitionUpdateKind.ReassignmentStarted)];
        List<IControllerEvent> events = [new PartitionReassignmentStarted(topic.Name, topic.TopicId, id.Partition, target, started)];
        // Only the order changes, or the new replicas are in sync already: step 2 goes in the same write.
        var reassignment = new PartitionReassignment(target, [.. target.Where(r => !current.Replicas.Contains(r))]);
        if (ReassignmentRules.Complete(started, reassignment, IsUp) is { } done)
        {
            updates.Add(new PartitionUpdate(id, topic.TopicId, started, done, PartitionUpdateKind.ReassignmentCompleted));
            events.Add(new PartitionReassignmentCompleted(topic.Name, topic.TopicId, id.Partition, done));
        }

        Commit(events, updates, "reassignment requested", () =>
        {
            Publish($"reassignment of {id}");
            AnswerOnceCommitted(replyTo, answer);
        });
    }

    /// <summary>Step 2 of the reassignments whose partitions <paramref name="updates"/> change and that are ready after them.</summary>
    private List<PartitionUpdate> ReadyReassignments(IEnumerable<PartitionUpdate> updates)
    {
        var ready = new List<PartitionUpdate>();
        foreach (var update in updates)
        {
            if (update.Kind != PartitionUpdateKind.ReassignmentCompleted && _state.Reassignments.TryGetValue(update.Partition, out var reassignment)
                && ReassignmentRules.Complete(update.After, reassignment, IsUp) is { } done)
                ready.Add(new PartitionUpdate(update.Partition, update.TopicId, update.After, done, PartitionUpdateKind.ReassignmentCompleted));
        }

        return ready;
    }

    /// <summary>After a start: completes the recovered reassignments that became ready before the last controller could.</summary>
    private void ResumeReassignments(Action then)
    {
        var ready = new List<PartitionUpdate>();
        foreach (var (id, reassignment) in _state.Reassignments)
        {
            if (_state.TryGetPartition(id, out var topic, out var a) && ReassignmentRules.Complete(a, reassignment, IsUp) is { } done)
                ready.Add(new PartitionUpdate(id, topic.TopicId, a, done, PartitionUpdateKind.ReassignmentCompleted));
        }

        if (_state.Reassignments.Count > 0)
            _log.Info("Recovered {Count} reassignments in progress, {Ready} of them ready to complete: {Partitions}",
                _state.Reassignments.Count, ready.Count, Describe([.. _state.Reassignments.Keys]));
        Commit([.. ready.Select(u => (IControllerEvent)new PartitionReassignmentCompleted(u.Partition.Topic, u.TopicId, u.Partition.Partition, u.After))],
            ready, "reassignment recovered", then);
    }
}
