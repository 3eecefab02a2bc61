using Akka.Actor;
using ActorBroker.Protocol;
using Akka.Event;

namespace ActorBroker.Broker.Controller;

/// <summary>
/// ISR changes asked for by partition leaders (Kafka's AlterPartition): checked by <see cref="AlterPartitionRules"/>,
/// persisted, published, then answered with the partition's new state once a majority of the Up broker nodes stored the
/// image carrying it (BrokerController.Stored.cs); a refusal carries the current state.
/// </summary>
internal sealed partial class BrokerController
{
    private void OnAlterPartition(AlterPartition request)
    {
        var replyTo = Sender;
        if (AlterPartitionRules.Check(request, _state, IsUp) is { } rejection)
        {
            _log.Info("Refused to change the ISR of {Partition} to [{Isr}] for {Leader} (leader epoch {LeaderEpoch}, partition epoch {PartitionEpoch}): {Error}: {Message}", new object?[] {
                request.Partition, Join(request.NewIsr ?? []), request.Leader, request.LeaderEpoch, request.PartitionEpoch, rejection.Error, rejection.Message });
            replyTo.Tell(Answer(request.Partition, rejection.Error, rejection.Message), Self);
            return;
        }

        _state.TryGetPartition(request.Partition, out var topic, out var current);
        if (AlterPartitionRules.Apply(current, request.NewIsr) is not { } altered)
        {
            // Asked again, e.g. after the first answer was lost: answered once the state is as durable as a change's.
            AnswerOnceCommitted(replyTo, Answer(request.Partition, ErrorCode.None, null));
            return;
        }

        var update = new PartitionUpdate(request.Partition, topic.TopicId, current, altered, PartitionUpdateKind.IsrAltered);
        Commit([update], $"leader {request.Leader} asked", () =>
        {
            Publish($"ISR of {request.Partition} changed");
            AnswerOnceCommitted(replyTo, Answer(request.Partition, ErrorCode.None, null));
        });
    }

    /// <summary>The partition's state as persisted now (after a completed reassignment too), with the error.</summary>
    private AlterPartitionResponse Answer(TopicPartition partition, ErrorCode error, string? message) =>
        _state.TryGetPartition(partition, out _, out var a)
            ? new AlterPartitionResponse(partition, error, message, a.Leader, a.LeaderEpoch, a.PartitionEpoch, a.Isr)
            : new AlterPartitionResponse(partition, error, message, null, -1, -1, []);
}
