using Akka.Actor;
using ActorBroker.Protocol;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Broker.Partitions;

/// <summary>Deleting the whole partition when its topic is deleted.</summary>
public sealed partial class PartitionActor
{
    private readonly List<IActorRef> _deleteRequesters = [];
    private bool _deleting;
    private long _deleteToSequenceNr = -1; // the whole log's delete, once sent; retention's deletes stop below it

    private void OnDeletePartition(DeletePartition command)
    {
        if (!IsThisPartition(command)) return;
        _logger.Info("Partition {Partition} of topic {TopicId}: deleting its log ({Batches} batches, offsets {LogStartOffset}..{LogEndOffset})",
            _partition, _topicId, _log.BatchCount, _log.LogStartOffset, _log.LogEndOffset);
        _deleting = true;
        _deleteRequesters.Add(Sender);
        Close(ErrorCode.UnknownTopicOrPartition, $"the topic of partition {_partition} was deleted");
        // After the appends already accepted are stored, so that the delete covers them too.
        DeferAsync(command, _ =>
        {
            _deleteToSequenceNr = LastSequenceNr;
            DeleteMessages(_deleteToSequenceNr);
        });
    }

    /// <summary>Commands about deletion while the partition is closed (deleting or stopping).</summary>
    private void CommandDeletion()
    {
        Command<DeletePartition>(command =>
        {
            if (!IsThisPartition(command)) return;
            if (_deleting) _deleteRequesters.Add(Sender);
            else Sender.Tell(new PartitionDeleted(_partition, _topicId, ErrorCode.NotLeaderOrFollower, $"partition {_partition} is stopping; send the delete to its new home"), Self);
        });
        Command<DeleteMessagesSuccess>(success => success.ToSequenceNr >= _deleteToSequenceNr && _deleteToSequenceNr >= 0, _ => OnJournalDeleted(null));
        Command<DeleteMessagesFailure>(failure => failure.ToSequenceNr >= _deleteToSequenceNr && _deleteToSequenceNr >= 0, failure => OnJournalDeleted(failure.Cause));
    }

    private bool IsThisPartition(DeletePartition command)
    {
        if (command.Partition == _partition && command.TopicId == _topicId) return true;
        _logger.Warning("Partition {Partition} of topic {TopicId} refused to delete its log for {Command}", _partition, _topicId, command);
        Sender.Tell(new PartitionDeleted(command.Partition, command.TopicId, ErrorCode.UnknownTopicOrPartition,
            $"this is partition {_partition} of topic id {_topicId:N}, not {command.Partition} of {command.TopicId:N}"), Self);
        return false;
    }

    private void OnJournalDeleted(Exception? cause)
    {
        var (error, message) = cause is null
            ? (ErrorCode.None, (string?)null)
            : (ErrorCode.KafkaStorageError, $"deleting the journal failed: {cause.Message}");
        if (cause is null)
            _logger.Info("Partition {Partition} of topic {TopicId}: log deleted; stopping", _partition, _topicId);
        else
            // Stopping anyway: a retried delete re-creates the partition, which recovers what is left and deletes it.
            _logger.Error(cause, "Partition {Partition} of topic {TopicId}: deleting the journal failed; stopping", _partition, _topicId);
        foreach (var requester in _deleteRequesters) requester.Tell(new PartitionDeleted(_partition, _topicId, error, message), Self);
        _deleteRequesters.Clear();
        Context.Stop(Self);
    }
}
