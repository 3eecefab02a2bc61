namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Journal event: the replica's high watermark was <paramref name="HighWatermark"/> (Kafka's
/// replication-offset-checkpoint). Written every high-watermark-checkpoint-interval while it moves, so a restarted
/// replica serves and lists offsets from where the committed log ended, not from its log start.
/// </summary>
internal sealed record HighWatermarkCheckpointed(long HighWatermark);
