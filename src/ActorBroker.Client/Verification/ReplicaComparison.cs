namespace ActorBroker.Client.Verification;

/// <summary>
/// What <see cref="AdminClient.CompareReplicasAsync"/> found for one topic: every partition's replicas read and compared
/// batch by batch, byte for byte, from the newest log start to the lowest high watermark among them.
/// </summary>
public sealed record ReplicaComparison(string Topic, IReadOnlyList<PartitionReplicaComparison> Partitions)
{
    /// <summary>Every replica was read, the compared ranges hold the same bytes, and every replica has the same high watermark.</summary>
    public bool Identical => Partitions.All(p => p.Identical);

    /// <summary>One line per partition that is not <see cref="PartitionReplicaComparison.Identical"/>; empty when all are.</summary>
    public IReadOnlyList<string> Problems => [.. Partitions.Where(p => !p.Identical).Select(p => p.ToString())];
}

/// <summary>
/// One partition's replicas compared over [<paramref name="From"/>, <paramref name="To"/>).
/// </summary>
/// <param name="Difference">The first offset where two replicas hold different bytes (or batches), described; null when none.</param>
public sealed record PartitionReplicaComparison(int Partition, IReadOnlyList<ReplicaExtent> Replicas, long From, long To, string? Difference)
{
    /// <summary>
    /// Same bytes over the compared range, every replica read, and the same high watermark everywhere (after writes
    /// stop and followers have fetched once more, replicas in sync agree on it; a live partition may lag for a moment).
    /// </summary>
    public bool Identical =>
        Difference is null && Replicas.All(r => r.Error is null) && Replicas.Select(r => r.HighWatermark).Distinct().Count() <= 1;

    public override string ToString()
    {
        var replicas = string.Join(", ", Replicas.Select(r => r.ToString()));
        var verdict = Difference ?? (Identical ? "identical" : "same bytes where compared, but not every replica was read or the high watermarks differ");
        return $"partition {Partition}: offsets {From}..{To}: {verdict} [{replicas}]";
    }
}

/// <summary>One replica as read: its node, log start and high watermark, or why it could not be read.</summary>
public sealed record ReplicaExtent(string Node, long LogStartOffset, long HighWatermark, string? Error)
{
    public override string ToString() => Error is null ? $"{Node} {LogStartOffset}..{HighWatermark}" : $"{Node} unreadable: {Error}";
}
