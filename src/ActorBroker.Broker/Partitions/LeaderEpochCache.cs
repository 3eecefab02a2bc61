namespace ActorBroker.Broker.Partitions;

/// <summary>
/// Where each leader epoch starts in the log, as Kafka's leader epoch cache (KIP-101, KIP-279): a follower asks the
/// leader where its latest epoch ends and truncates what it wrote past that, so replicas never keep a divergent suffix.
/// Both epochs and start offsets increase along <see cref="Entries"/>. Derived from the stored batches, never journaled.
/// </summary>
internal sealed class LeaderEpochCache
{
    private readonly List<EpochEntry> _entries = [];

    /// <summary>The newest epoch; -1 when no batch carries one.</summary>
    public int LatestEpoch => _entries.Count == 0 ? -1 : _entries[^1].Epoch;

    public IReadOnlyList<EpochEntry> Entries => _entries;

    /// <summary>
    /// Records that <paramref name="epoch"/> starts at <paramref name="startOffset"/>. An epoch at or below the latest is
    /// ignored (its start never moves), as are negative ones (batches written before epochs existed).
    /// </summary>
    /// <exception cref="InvalidOperationException">The new epoch would start before the latest one.</exception>
    public void Assign(int epoch, long startOffset)
    {
        if (epoch < 0 || epoch <= LatestEpoch) return;
        if (_entries.Count > 0)
        {
            var latest = _entries[^1];
            if (startOffset < latest.StartOffset)
                throw new InvalidOperationException($"epoch {epoch} cannot start at {startOffset}, before epoch {latest.Epoch} at {latest.StartOffset}");
            // The latest epoch wrote nothing (a leader that got no records): as in Kafka, it no longer owns an offset.
            if (startOffset == latest.StartOffset) _entries.RemoveAt(_entries.Count - 1);
        }
        _entries.Add(new EpochEntry(epoch, startOffset));
    }

    /// <summary>
    /// Where <paramref name="requestedEpoch"/> ends here: for the latest epoch (or a newer one) the log end offset;
    /// otherwise the largest epoch at or below it and the start of the next epoch. (-1, -1) when the requested epoch
    /// is below the first one known, or none is.
    /// </summary>
    public (int Epoch, long EndOffset) EndOffsetFor(int requestedEpoch, long logEndOffset)
    {
        var floor = FloorIndex(requestedEpoch);
        if (floor < 0) return (-1, -1);
        return floor == _entries.Count - 1
            ? (_entries[floor].Epoch, logEndOffset)
            : (_entries[floor].Epoch, _entries[floor + 1].StartOffset);
    }

    /// <summary>The epoch that wrote <paramref name="offset"/>: the latest one starting at or before it; -1 when none does.</summary>
    public int EpochAt(long offset)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].StartOffset <= offset) return _entries[i].Epoch;
        }

        return -1;
    }

    /// <summary>The log was truncated to <paramref name="endOffset"/>: epochs starting there or later are gone.</summary>
    public void TruncateFromEnd(long endOffset)
    {
        var keep = _entries.Count;
        while (keep > 0 && _entries[keep - 1].StartOffset >= endOffset) keep--;
        _entries.RemoveRange(keep, _entries.Count - keep);
    }

    /// <summary>
    /// The log now starts at <paramref name="startOffset"/>: epochs that ended at or below it are gone, and the one
    /// covering it starts there.
    /// </summary>
    public void TruncateFromStart(long startOffset)
    {
        // An entry ends where the next one starts; the latest never ends.
        var drop = 0;
        while (drop < _entries.Count - 1 && _entries[drop + 1].StartOffset <= startOffset) drop++;
        _entries.RemoveRange(0, drop);
        if (_entries.Count > 0 && _entries[0].StartOffset < startOffset) _entries[0] = _entries[0] with { StartOffset = startOffset };
    }

    /// <summary>The index of the largest epoch at or below <paramref name="epoch"/>; -1 when there is none.</summary>
    private int FloorIndex(int epoch)
    {
        int lo = 0, hi = _entries.Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_entries[mid].Epoch <= epoch) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }
}
