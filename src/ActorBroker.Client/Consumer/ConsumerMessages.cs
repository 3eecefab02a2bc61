using ActorBroker.Protocol;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Consumer;

/// <summary>
/// Makes <paramref name="Partitions"/> the consumer's assignment. Partitions it already had keep their position;
/// new ones start where a seek sent right after puts them, else where auto.offset.reset says.
/// </summary>
public sealed record Assign(IReadOnlyList<TopicPartition> Partitions);

/// <summary>The next record delivered from the partition is the one at <paramref name="Offset"/>.</summary>
public sealed record Seek(TopicPartition Partition, long Offset);

/// <summary>Moves the partition to its log start offset (the oldest record retained).</summary>
public sealed record SeekToBeginning(TopicPartition Partition);

/// <summary>Moves the partition to its end (the high watermark): only records written from now on follow.</summary>
public sealed record SeekToEnd(TopicPartition Partition);

/// <summary>Moves the partition to the first record whose timestamp is at or after <paramref name="Timestamp"/> (ms since the Unix epoch); to the end when there is none.</summary>
public sealed record SeekToTimestamp(TopicPartition Partition, long Timestamp);

/// <summary>
/// Records of one partition, in offset order, delivered to the subscriber. <see cref="Records"/> starts at
/// <paramref name="FromOffset"/> (the batches come whole from the broker, so the first may begin before it; those
/// records are skipped). The subscriber answers every delivery with <see cref="RecordsProcessed"/> once it has handled
/// it: deliveries not yet processed count against max.buffered.bytes, and fetching pauses while they exceed it.
/// </summary>
/// <param name="NextOffset">The partition's position after these records.</param>
/// <param name="HighWatermark">The partition's high watermark when fetched: NextOffset below it means lag.</param>
/// <param name="Epoch">Counts the assignments and seeks of the partition: a delivery with an older epoch than the last seek's came before it.</param>
public sealed record ConsumedRecords(
    TopicPartition Partition, IReadOnlyList<RecordBatch> Batches, long FromOffset, long NextOffset, long HighWatermark, int Epoch)
{
    /// <summary>The records from <see cref="FromOffset"/> on; their keys and values are slices of the fetched bytes (no copy).</summary>
    public ConsumedRecordEnumerable Records => new(Batches, FromOffset);

    /// <summary>How many records <see cref="Records"/> yields.</summary>
    public long Count => NextOffset - Math.Max(FromOffset, Batches.Count == 0 ? NextOffset : Batches[0].BaseOffset);

    /// <summary>The bytes of the batches, as counted against max.buffered.bytes.</summary>
    public long SizeInBytes
    {
        get
        {
            long size = 0;
            foreach (var batch in Batches) size += batch.SizeInBytes;
            return size;
        }
    }
}

/// <summary>The subscriber's answer to a <see cref="ConsumedRecords"/>: it has been handled, so the consumer may fetch more.</summary>
public sealed record RecordsProcessed
{
    public static readonly RecordsProcessed Instance = new();
}

/// <summary>
/// The partition cannot be consumed from its position: OffsetOutOfRange with auto.offset.reset = none, or an error
/// that is not retriable. The partition waits for a seek (or a new assignment); the others go on.
/// </summary>
public sealed record ConsumeFailed(TopicPartition Partition, ErrorCode Error, string Message, int Epoch);

/// <summary>Enumerates the records of whole batches from an offset on, without allocating.</summary>
public readonly struct ConsumedRecordEnumerable(IReadOnlyList<RecordBatch> batches, long fromOffset)
{
    public Enumerator GetEnumerator() => new(batches, fromOffset);

    public struct Enumerator(IReadOnlyList<RecordBatch> batches, long fromOffset)
    {
        private int _batch = -1;
        private RecordEnumerable.Enumerator _records;

        public Record Current { get; private set; }

        public bool MoveNext()
        {
            while (true)
            {
                if (_batch >= 0 && _records.MoveNext())
                {
                    if (_records.Current.Offset < fromOffset) continue;
                    Current = _records.Current;
                    return true;
                }

                if (++_batch >= batches.Count) return false;
                _records = batches[_batch].Records.GetEnumerator();
            }
        }
    }
}
