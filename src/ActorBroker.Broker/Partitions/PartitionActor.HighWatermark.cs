namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The high watermark checkpoint (Kafka's replication-offset-checkpoint file). Every high-watermark-checkpoint-interval
/// a replica whose high watermark moved stores it as a journal event, and recovery restores it, so a restarted replica
/// does not start over from its log start: ListOffsets(latest) and consumers never go back by more than what the last
/// interval committed. Retention may delete the event together with the batches before it; the next tick stores it again.
/// </summary>
public sealed partial class PartitionActor
{
    private long _checkpointedHighWatermark = -1;

    private void RecoverHighWatermark(HighWatermarkCheckpointed checkpoint)
    {
        // Events replay in order, so the batches below it are back; the minimum only guards a damaged journal.
        _log.AdvanceHighWatermark(Math.Min(checkpoint.HighWatermark, _log.LogEndOffset));
        _checkpointedHighWatermark = checkpoint.HighWatermark;
    }

    private void CheckpointHighWatermark()
    {
        var watermark = _log.HighWatermark;
        if (watermark == _checkpointedHighWatermark) return;
        // Counted at once, so a slow write is not stored twice; a failed write stops the partition (journal failure).
        _checkpointedHighWatermark = watermark;
        PersistAsync(new HighWatermarkCheckpointed(watermark), _ => { });
    }

    /// <summary>
    /// Deletes the journal events up to <paramref name="toSequenceNr"/> as the log start moves past them. The last
    /// checkpoint may be among them, so the next tick writes it again.
    /// </summary>
    private void DeleteEventsBelowLogStart(long toSequenceNr)
    {
        _checkpointedHighWatermark = -1;
        DeleteMessages(toSequenceNr);
    }

    private sealed class HighWatermarkTick
    {
        public static readonly HighWatermarkTick Instance = new();
    }
}
