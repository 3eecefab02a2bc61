namespace ActorBroker.Client.Partitioning;

/// <summary>
/// Where records without a key go (Kafka's sticky partitioning, KIP-480): every such record of a topic goes to one
/// partition until the batch there is closed for sending, then the next record picks another partition at random,
/// preferring partitions with a leader. Filling one batch at a time gives bigger batches than round robin.
/// One instance per topic; not thread-safe (used inside the producer actor).
/// </summary>
internal sealed class StickyPartitioner(Random random)
{
    private int _current = -1;

    /// <summary>The partition for the next record without a key.</summary>
    /// <param name="isAvailable">Whether a partition has a leader now.</param>
    public int Next(int partitionCount, Func<int, bool> isAvailable)
    {
        if (_current >= 0 && _current < partitionCount) return _current;
        _current = Choose(partitionCount, isAvailable, previous: -1);
        return _current;
    }

    /// <summary>The batch of <paramref name="partition"/> was closed: if it was the sticky one, the next record moves on.</summary>
    public void OnBatchClosed(int partition)
    {
        if (partition == _current) _current = -1;
    }

    /// <summary>Moves away from <paramref name="partition"/> now (its batch is full) and returns the new sticky partition.</summary>
    public int MoveFrom(int partition, int partitionCount, Func<int, bool> isAvailable)
    {
        _current = Choose(partitionCount, isAvailable, partition);
        return _current;
    }

    private int Choose(int partitionCount, Func<int, bool> isAvailable, int previous)
    {
        if (partitionCount == 1) return 0;
        Span<int> candidates = partitionCount <= 256 ? stackalloc int[partitionCount] : new int[partitionCount];
        var count = 0;
        for (var p = 0; p < partitionCount; p++)
            if (p != previous && isAvailable(p)) candidates[count++] = p;
        if (count > 0) return candidates[random.Next(count)];

        // No other partition has a leader: pick any other one; its batch waits for a leader like every other.
        var pick = random.Next(partitionCount - (previous >= 0 ? 1 : 0));
        return previous >= 0 && pick >= previous ? pick + 1 : pick;
    }
}
