using Akka.Event;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Truncation: a follower drops the suffix of its log that the leader does not have (Kafka's KIP-101/KIP-279), found
/// by leader epoch. A <see cref="LogTruncated"/> marker is journaled first; the dropped batches' events stay until
/// retention passes them, and recovery and journal reads skip them by the marker.
/// </summary>
public sealed partial class PartitionActor
{
    /// <summary>
    /// Cuts the log back to end at or below <paramref name="offset"/> (whole batches; see
    /// <see cref="PartitionLog.TruncateTo"/>), then calls <paramref name="onTruncated"/>; at once when there is nothing
    /// past <paramref name="offset"/>. Commands wait until the marker is stored.
    /// </summary>
    /// <remarks>
    /// Only for a follower, with no appends in flight: appends stamped ahead of the log end would keep offsets the
    /// truncation gives out again.
    /// </remarks>
    private void TruncateLog(long offset, string reason, Action onTruncated)
    {
        if (offset >= _log.LogEndOffset)
        {
            onTruncated();
            return;
        }

        if (_pendingAppends.Count > 0)
            throw new InvalidOperationException($"partition {_partition} cannot truncate its log with {_pendingAppends.Count} appends in flight");
        var old = _log.LogEndOffset;
        Persist(new LogTruncated(offset), truncated =>
        {
            _log.TruncateTo(truncated.Offset);
            _nextOffset = _log.LogEndOffset;
            _logger.Info("Partition {Partition} truncated its log from {Old} to {New}: {Reason}", _partition, old, _log.LogEndOffset, reason);
            onTruncated();
        });
    }

    private void RecoverTruncation(LogTruncated truncated) => _log.TruncateTo(truncated.Offset);
}
