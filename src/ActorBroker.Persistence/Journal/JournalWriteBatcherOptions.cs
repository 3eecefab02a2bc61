namespace ActorBroker.Persistence.Journal;

/// <summary>Settings of <see cref="JournalWriteBatcher"/>.</summary>
public sealed record JournalWriteBatcherOptions
{
    /// <summary>Most atomic writes committed in one store transaction.</summary>
    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>
    /// Most writes waiting for the batcher; callers beyond it wait (back-pressure).
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>
    /// How long a batch that is not full may wait for more writes once the queue runs empty.
    /// Zero (the default) commits as soon as the queue is momentarily empty: under load, writes
    /// pile up while the previous batch commits, so batches form without adding latency.
    /// </summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.Zero;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchWait, TimeSpan.Zero, nameof(MaxBatchWait));
    }
}
