using Akka.Actor;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

public sealed partial class PartitionActor
{
    private void OnListOffsets(ListOffsetsRequest request)
    {
        if (request.Partition != _partition)
        {
            Sender.Tell(ListOffsetsFailed(request, ErrorCode.UnknownTopicOrPartition, $"this is partition {_partition}, not {request.Partition}"), Self);
            return;
        }

        if (!IsLeader)
        {
            Sender.Tell(ListOffsetsFailed(request, ErrorCode.NotLeaderOrFollower, $"{_selfId} does not lead partition {_partition}; refresh metadata"), Self);
            return;
        }

        switch (request.Timestamp)
        {
            case ListOffsetsRequest.Earliest:
                ReplyOffset(Sender, request, -1, _log.LogStartOffset);
                break;
            case ListOffsetsRequest.Latest:
                ReplyOffset(Sender, request, -1, _log.HighWatermark);
                break;
            case ListOffsetsRequest.MaxTimestamp:
                // The first record carrying the largest timestamp is the first one at or after that timestamp.
                if (_log.MaxTimestampBelowHighWatermark() is { } max) ResolveTimestamp(Sender, request with { Timestamp = max }, _log.LogStartOffset);
                else ReplyOffset(Sender, request, -1, -1);
                break;
            case < 0:
                Sender.Tell(ListOffsetsFailed(request, ErrorCode.InvalidRequest,
                    $"timestamp {request.Timestamp} is neither a time nor -1 (latest), -2 (earliest) or -3 (max timestamp)"), Self);
                break;
            default:
                ResolveTimestamp(Sender, request, _log.LogStartOffset);
                break;
        }
    }

    /// <summary>Finds the first record at or after <paramref name="fromOffset"/> with a timestamp of at least the request's.</summary>
    private void ResolveTimestamp(IActorRef replyTo, ListOffsetsRequest request, long fromOffset)
    {
        var index = _log.FindByTimestamp(request.Timestamp, Math.Max(fromOffset, _log.LogStartOffset));
        if (index < 0)
        {
            ReplyOffset(replyTo, request, -1, -1);
            return;
        }

        ref readonly var entry = ref _log.Entry(index);
        if (entry.Cached is { } batch) FindInBatch(replyTo, request, batch);
        else if (CanRead(replyTo, request, entry.BaseOffset)) StartRead(replyTo, request, entry.SequenceNr, entry.SequenceNr, 1, entry.LastOffset, []);
    }

    private void FindInBatch(IActorRef replyTo, ListOffsetsRequest request, RecordBatch batch)
    {
        foreach (var record in batch.Records)
        {
            if (record.Timestamp < request.Timestamp) continue;
            ReplyOffset(replyTo, request, record.Timestamp, record.Offset);
            return;
        }

        // The producer's max timestamp promised more than its records hold: look in the batches after it.
        ResolveTimestamp(replyTo, request, batch.NextOffset);
    }

    private void ReplyOffset(IActorRef replyTo, ListOffsetsRequest request, long timestamp, long offset) =>
        replyTo.Tell(new ListOffsetsResponse(_partition, ErrorCode.None, timestamp, offset, null, request.CorrelationId), Self);

    private ListOffsetsResponse ListOffsetsFailed(ListOffsetsRequest request, ErrorCode error, string message) =>
        new(_partition, error, -1, -1, message, request.CorrelationId);
}
