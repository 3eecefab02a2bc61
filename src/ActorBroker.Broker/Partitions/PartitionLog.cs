using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The state of one partition's log, without actors or I/O: the offset index of its stored batches, the offsets
/// (log start, high watermark, log end), a tail cache of the newest batches bounded by bytes, the leader epochs, and
/// the plans for fetches, retention and timestamp lookups. The actor owns the journal; this class decides what to read
/// or delete.
/// </summary>
/// <remarks>
/// The high watermark is kept apart from the log end offset: with one replica they are equal, but once followers
/// replicate, consumers must only see what every in-sync replica has.
/// </remarks>
internal sealed class PartitionLog
{
    private readonly BatchIndex _index = new();
    private readonly long _cacheBytes;
    private int _cacheStart; // entries from here to the end hold their batch

    /// <param name="cacheBytes">Bytes of the newest batches to keep in memory; 0 caches nothing.</param>
    public PartitionLog(long cacheBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cacheBytes);
        _cacheBytes = cacheBytes;
    }

    /// <summary>The first offset still in the log.</summary>
    public long LogStartOffset { get; private set; }

    /// <summary>The offset the next stored batch starts at.</summary>
    public long LogEndOffset { get; private set; }

    /// <summary>Consumers read below this offset only.</summary>
    public long HighWatermark { get; private set; }

    public int BatchCount => _index.Count;

    /// <summary>Bytes of the batches in the log.</summary>
    public long SizeInBytes => _index.EndPosition - _index.PositionAt(0);

    public long CachedBytes { get; private set; }

    /// <summary>Where each leader epoch of the stored batches starts, kept in step with appends, retention and truncation.</summary>
    public LeaderEpochCache Epochs { get; } = new();

    public int CachedBatchCount => _index.Count - _cacheStart;

    /// <summary>The index entry of the <paramref name="index"/>-th oldest batch.</summary>
    public ref readonly BatchIndexEntry Entry(int index) => ref _index[index];

    /// <summary>Adds a stored batch, which must start at or after <see cref="LogEndOffset"/> (gaps are allowed, overlaps never).</summary>
    /// <param name="batch">The batch as stamped with its offsets.</param>
    /// <param name="sequenceNr">The journal event that holds it.</param>
    public void Append(RecordBatch batch, long sequenceNr)
    {
        if (batch.BaseOffset < LogEndOffset)
            throw new InvalidOperationException($"batch at offsets {batch.BaseOffset}..{batch.LastOffset} (sequence number {sequenceNr}) overlaps the log, which ends at {LogEndOffset}");
        var cache = batch.SizeInBytes <= _cacheBytes;
        _index.Add(batch, sequenceNr, cache);
        LogEndOffset = batch.NextOffset;
        Epochs.Assign(batch.PartitionLeaderEpoch, batch.BaseOffset);
        if (!cache)
        {
            // Too big to cache: the cache stays contiguous at the tail, so everything older leaves it too.
            EvictTo(_index.Count);
            return;
        }

        CachedBytes += batch.SizeInBytes;
        while (CachedBytes > _cacheBytes) EvictTo(_cacheStart + 1);
    }

    /// <summary>Moves the high watermark up to <paramref name="offset"/>; false when it was there already.</summary>
    public bool AdvanceHighWatermark(long offset)
    {
        if (offset > LogEndOffset)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"the high watermark cannot pass the log end offset {LogEndOffset}");
        if (offset <= HighWatermark) return false;
        HighWatermark = offset;
        return true;
    }

    /// <summary>
    /// Starts the log at <paramref name="offset"/>, dropping the whole batches that end below it. The log end offset
    /// and high watermark move up with it when every batch is gone, so numbering goes on where it was.
    /// </summary>
    /// <returns>The journal sequence number of the last batch dropped, 0 when none was.</returns>
    public long AdvanceLogStart(long offset)
    {
        if (offset <= LogStartOffset) return 0;
        var drop = _index.FindByOffset(offset);
        var lastDropped = drop == 0 ? 0 : _index[drop - 1].SequenceNr;
        EvictTo(drop);
        _index.RemoveFirst(drop);
        _cacheStart -= drop;
        LogStartOffset = offset;
        LogEndOffset = Math.Max(LogEndOffset, offset);
        HighWatermark = Math.Max(HighWatermark, offset);
        Epochs.TruncateFromStart(offset);
        return lastDropped;
    }

    /// <summary>
    /// Cuts the log back to end at or below <paramref name="offset"/>, as a follower drops a suffix the leader does not
    /// have. Batches stay whole: one that reaches <paramref name="offset"/> goes, so the log ends where the last kept
    /// batch ends (at the log start when none is kept). Nothing happens when <paramref name="offset"/> is at or past
    /// the end.
    /// </summary>
    /// <returns>The new log end offset.</returns>
    public long TruncateTo(long offset)
    {
        if (offset >= LogEndOffset) return LogEndOffset;
        var keep = _index.FindByOffset(offset);
        // The cache stays contiguous at the tail: what is left of it runs from its start to the new end.
        for (var i = Math.Max(keep, _cacheStart); i < _index.Count; i++) CachedBytes -= _index[i].Size;
        _index.RemoveLast(_index.Count - keep);
        _cacheStart = Math.Min(_cacheStart, keep);
        LogEndOffset = keep == 0 ? LogStartOffset : _index[keep - 1].NextOffset;
        HighWatermark = Math.Min(HighWatermark, LogEndOffset);
        Epochs.TruncateFromEnd(LogEndOffset);
        return LogEndOffset;
    }

    /// <summary>A consumer's fetch: <see cref="PlanFetch(long, int, int, long)"/> up to the high watermark.</summary>
    public FetchPlan PlanFetch(long offset, int maxBytes, int maxJournalBatches) => PlanFetch(offset, maxBytes, maxJournalBatches, HighWatermark);

    /// <summary>
    /// Whole batches from the one holding <paramref name="offset"/> (or the next after a gap), below
    /// <paramref name="upTo"/> (the high watermark for consumers, the log end offset for followers), up to
    /// <paramref name="maxBytes"/> but at least one, and at most <paramref name="maxJournalBatches"/> of them outside
    /// the cache. The caller checked that the offset is in range.
    /// </summary>
    public FetchPlan PlanFetch(long offset, int maxBytes, int maxJournalBatches, long upTo)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJournalBatches, 1);
        var first = _index.FindByOffset(offset);
        var end = first;
        long bytes = 0;
        while (end < _index.Count)
        {
            ref var entry = ref _index[end];
            if (entry.NextOffset > upTo) break;
            if (end > first && bytes + entry.Size > maxBytes) break;
            if (end < _cacheStart && end - first == maxJournalBatches) break;
            bytes += entry.Size;
            end++;
        }

        var journalEnd = Math.Min(end, Math.Max(first, _cacheStart));
        var cached = end > journalEnd ? new RecordBatch[end - journalEnd] : [];
        for (var i = journalEnd; i < end; i++) cached[i - journalEnd] = _index[i].Cached!;
        return journalEnd > first
            ? new FetchPlan(_index[first].SequenceNr, _index[journalEnd - 1].SequenceNr, journalEnd - first, _index[first].LastOffset, cached, bytes)
            : new FetchPlan(0, 0, 0, -1, cached, bytes);
    }

    /// <summary>Bytes a consumer's fetch from <paramref name="offset"/> could get now: its batch and all after it below the high watermark.</summary>
    public long AvailableBytes(long offset) => AvailableBytes(offset, HighWatermark);

    /// <summary>Bytes a fetch from <paramref name="offset"/> could get now: its batch and all after it below <paramref name="upTo"/>.</summary>
    public long AvailableBytes(long offset, long upTo)
    {
        var first = _index.FindByOffset(offset);
        // Batches ending at or past upTo are not readable yet.
        var end = _index.FindByOffset(upTo);
        return end > first ? _index.PositionAt(end) - _index.PositionAt(first) : 0;
    }

    /// <summary>
    /// The oldest batches below the high watermark to delete: while the oldest one's newest record is more than
    /// <paramref name="retentionMs"/> older than <paramref name="nowMs"/>, or while the log is larger than
    /// <paramref name="retentionBytes"/> (-1 turns either off). Null when there is nothing to delete.
    /// </summary>
    public RetentionPlan? PlanRetention(long retentionMs, long retentionBytes, long nowMs)
    {
        var size = SizeInBytes;
        int count = 0, byTime = 0;
        long bytes = 0;
        while (count < _index.Count)
        {
            ref var entry = ref _index[count];
            if (entry.NextOffset > HighWatermark) break;
            var expired = retentionMs >= 0 && nowMs - entry.MaxTimestamp > retentionMs;
            var oversized = retentionBytes >= 0 && size - bytes > retentionBytes;
            if (!expired && !oversized) break;
            if (expired) byTime++;
            bytes += entry.Size;
            count++;
        }

        if (count == 0) return null;
        ref var last = ref _index[count - 1];
        return new RetentionPlan(last.NextOffset, last.SequenceNr, count, bytes, byTime);
    }

    /// <summary>
    /// The first batch at or after <paramref name="fromOffset"/>, below the high watermark, whose newest record is at
    /// least <paramref name="timestamp"/>; -1 when there is none. The record itself is found inside that batch.
    /// </summary>
    public int FindByTimestamp(long timestamp, long fromOffset)
    {
        var i = Math.Max(_index.FindByOffset(fromOffset), _index.FindByRunningMaxTimestamp(timestamp));
        for (; i < _index.Count && _index[i].NextOffset <= HighWatermark; i++)
        {
            // Timestamps need not grow with offsets: the running max only says where to start looking.
            if (_index[i].MaxTimestamp >= timestamp) return i;
        }
        return -1;
    }

    /// <summary>
    /// The largest record timestamp of the batches between the log start and the high watermark; null when there are
    /// none. A scan of the in-memory index: asked rarely (an admin's max-timestamp query), and the running max the index
    /// keeps may come from batches retention has deleted.
    /// </summary>
    public long? MaxTimestampBelowHighWatermark()
    {
        long? max = null;
        for (var i = _index.FindByOffset(LogStartOffset); i < _index.Count && _index[i].NextOffset <= HighWatermark; i++)
        {
            if (max is not { } known || _index[i].MaxTimestamp > known) max = _index[i].MaxTimestamp;
        }

        return max;
    }

    private void EvictTo(int end)
    {
        for (; _cacheStart < end; _cacheStart++)
        {
            ref var entry = ref _index[_cacheStart];
            if (entry.Cached is null) continue;
            CachedBytes -= entry.Size;
            entry.Cached = null;
        }
    }
}
