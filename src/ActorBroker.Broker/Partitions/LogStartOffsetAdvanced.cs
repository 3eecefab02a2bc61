namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Journal event: retention moved the log start to <paramref name="LogStartOffset"/>. Persisted before the old batches'
/// events are deleted, so recovery knows where the log starts (and where it ends, when every batch was deleted).
/// </summary>
internal sealed record LogStartOffsetAdvanced(long LogStartOffset);
