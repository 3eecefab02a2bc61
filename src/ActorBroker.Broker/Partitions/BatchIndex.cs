using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Partitions;

/// <summary>
/// The partition's batches in offset order, one <see cref="BatchIndexEntry"/> each, in an array that grows at the tail
/// and is trimmed at the head (retention) and, when a follower drops a divergent suffix, at the tail (truncation).
/// Offsets and running max timestamps only increase, so lookups are binary searches. Index 0 is always the oldest
/// batch still in the log.
/// </summary>
internal sealed class BatchIndex
{
    private BatchIndexEntry[] _entries = new BatchIndexEntry[16];
    private int _head;

    public int Count { get; private set; }

    /// <summary>Bytes appended to the partition ever: the position the next batch will have.</summary>
    public long EndPosition { get; private set; }

    public ref BatchIndexEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"the index holds {Count} batches");
            return ref _entries[_head + index];
        }
    }

    /// <summary>The byte position of entry <paramref name="index"/>, or <see cref="EndPosition"/> for <see cref="Count"/>.</summary>
    public long PositionAt(int index) => index < Count ? this[index].Position : EndPosition;

    public void Add(RecordBatch batch, long sequenceNr, bool cache)
    {
        if (_head + Count == _entries.Length) MakeRoom();
        var runningMax = Count == 0 ? batch.MaxTimestamp : Math.Max(this[Count - 1].MaxTimestampSoFar, batch.MaxTimestamp);
        _entries[_head + Count] = new BatchIndexEntry
        {
            BaseOffset = batch.BaseOffset,
            LastOffset = batch.LastOffset,
            SequenceNr = sequenceNr,
            Size = batch.SizeInBytes,
            MaxTimestamp = batch.MaxTimestamp,
            Position = EndPosition,
            MaxTimestampSoFar = runningMax,
            Cached = cache ? batch : null,
        };
        Count++;
        EndPosition += batch.SizeInBytes;
    }

    /// <summary>Drops the <paramref name="count"/> oldest entries (and their cached batches).</summary>
    public void RemoveFirst(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Array.Clear(_entries, _head, count);
        _head += count;
        Count -= count;
        if (Count == 0) _head = 0;
    }

    /// <summary>Drops the <paramref name="count"/> newest entries (truncation); the next batch takes the first one's position.</summary>
    public void RemoveLast(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        if (count == 0) return;
        EndPosition = this[Count - count].Position;
        Array.Clear(_entries, _head + Count - count, count);
        Count -= count;
        if (Count == 0) _head = 0;
    }

    /// <summary>The first entry whose last offset is at or after <paramref name="offset"/>: the batch holding it, or the next one after a gap. <see cref="Count"/> when none.</summary>
    public int FindByOffset(long offset)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_entries[_head + mid].LastOffset < offset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>The first entry at or after which some batch has a timestamp of at least <paramref name="timestamp"/>; <see cref="Count"/> when none.</summary>
    public int FindByRunningMaxTimestamp(long timestamp)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_entries[_head + mid].MaxTimestampSoFar < timestamp) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void MakeRoom()
    {
        // Retention frees the head: slide down when that leaves half the array free, else double it.
        var target = Count * 2 <= _entries.Length ? _entries : new BatchIndexEntry[_entries.Length * 2];
        Array.Copy(_entries, _head, target, 0, Count);
        if (ReferenceEquals(target, _entries)) Array.Clear(_entries, Count, _head);
        _entries = target;
        _head = 0;
    }
}
