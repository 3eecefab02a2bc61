using System.Text;
using ActorBroker.Protocol;
using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;
using Akka.Actor;

namespace ActorBroker.Client.Tests.Support;

/// <summary>
/// The storage of the in-memory broker: record batches per partition, stamped with offsets on append, read back
/// whole from the batch that holds an offset, as a partition leader does. Counts appends so tests can prove that
/// nothing was written twice. Thread-safe; nodes listening are told of every append (to answer parked fetches).
/// </summary>
public sealed class PartitionLogs
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TopicPartition, Log> _logs = [];
    private readonly List<IActorRef> _listeners = [];

    public void Listen(IActorRef node)
    {
        lock (_lock) _listeners.Add(node);
    }

    /// <summary>Appends a producer's batch; returns its base offset.</summary>
    public long Append(TopicPartition partition, RecordBatch batch)
    {
        long baseOffset;
        IActorRef[] listeners;
        lock (_lock)
        {
            var log = LogOf(partition);
            baseOffset = log.End;
            log.Batches.Add(batch.WithOffsets(baseOffset, 0));
            log.Appends++;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners) listener.Tell(new DataAppended(partition));
        return baseOffset;
    }

    /// <summary>Appends one batch of text records with the given timestamps (test data).</summary>
    public long Append(TopicPartition partition, params (string? Key, string? Value, long Timestamp)[] records)
    {
        using var builder = new RecordBatchBuilder(1024 * 1024);
        foreach (var (key, value, timestamp) in records)
            builder.TryAppend(timestamp, key is null ? null : Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value));
        return Append(partition, builder.Build());
    }

    /// <summary>Appends <paramref name="count"/> records "v{offset}" in batches of <paramref name="perBatch"/>, timestamps from <paramref name="firstTimestamp"/> by 1.</summary>
    public void Fill(TopicPartition partition, int count, int perBatch, long firstTimestamp = 1_000)
    {
        var start = Bounds(partition).End;
        for (var i = 0; i < count; i += perBatch)
        {
            var n = Math.Min(perBatch, count - i);
            Append(partition, [.. Enumerable.Range(0, n).Select(j => ((string?)$"k{start + i + j}", (string?)$"v{start + i + j}", firstTimestamp + start + i + j))]);
        }
    }

    /// <summary>The log start offset and the next offset to be written (the high watermark: every append is committed here).</summary>
    public (long LogStart, long End) Bounds(TopicPartition partition)
    {
        lock (_lock)
        {
            var log = LogOf(partition);
            return (log.LogStart, log.End);
        }
    }

    /// <summary>Whole batches from the one holding <paramref name="offset"/>, up to <paramref name="maxBytes"/> (at least one).</summary>
    public IReadOnlyList<RecordBatch> Read(TopicPartition partition, long offset, int maxBytes)
    {
        lock (_lock)
        {
            var result = new List<RecordBatch>();
            var bytes = 0;
            foreach (var batch in LogOf(partition).Batches)
            {
                if (batch.NextOffset <= offset) continue;
                if (result.Count > 0 && bytes + batch.SizeInBytes > maxBytes) break;
                result.Add(batch);
                bytes += batch.SizeInBytes;
            }

            return result;
        }
    }

    /// <summary>
    /// Answers a ListOffsets lookup: the log start, the end, or the first record at or after a time (-1 when none).
    /// Counts the lookups of the end, so a test can append only once a seek to the end has been answered.
    /// </summary>
    public (long Offset, long Timestamp) LookUp(TopicPartition partition, long timestamp)
    {
        lock (_lock)
        {
            var log = LogOf(partition);
            switch (timestamp)
            {
                case ListOffsetsRequest.Earliest:
                    return (log.LogStart, -1);
                case ListOffsetsRequest.Latest:
                    log.EndLookups++;
                    return (log.End, -1);
            }

            foreach (var batch in log.Batches)
            {
                if (batch.MaxTimestamp < timestamp) continue;
                foreach (var record in batch.Records)
                    if (record.Timestamp >= timestamp) return (record.Offset, record.Timestamp);
            }

            return (-1, -1);
        }
    }

    /// <summary>Lookups of the partition's end (ListOffsets latest) answered so far.</summary>
    public int EndLookups(TopicPartition partition)
    {
        lock (_lock) return LogOf(partition).EndLookups;
    }

    /// <summary>Drops batches entirely below <paramref name="offset"/>, as retention would.</summary>
    public void DeleteBefore(TopicPartition partition, long offset)
    {
        lock (_lock)
        {
            var log = LogOf(partition);
            log.Batches.RemoveAll(b => b.NextOffset <= offset);
            log.LogStart = log.Batches.Count > 0 ? log.Batches[0].BaseOffset : log.End;
        }
    }

    public void DeleteTopic(string topic)
    {
        lock (_lock)
            foreach (var key in _logs.Keys.Where(k => k.Topic == topic).ToList()) _logs.Remove(key);
    }

    /// <summary>Batches appended to the partition so far.</summary>
    public int Appends(TopicPartition partition)
    {
        lock (_lock) return LogOf(partition).Appends;
    }

    /// <summary>Every record stored in the partition: offset, key and value as text.</summary>
    public IReadOnlyList<(long Offset, string? Key, string? Value)> Records(TopicPartition partition)
    {
        lock (_lock)
        {
            var list = new List<(long, string?, string?)>();
            foreach (var batch in LogOf(partition).Batches)
                foreach (var r in batch.Records)
                    list.Add((r.Offset, r.Key is { } k ? Encoding.UTF8.GetString(k.Span) : null, r.Value is { } v ? Encoding.UTF8.GetString(v.Span) : null));
            return list;
        }
    }

    private Log LogOf(TopicPartition partition)
    {
        if (!_logs.TryGetValue(partition, out var log)) _logs[partition] = log = new Log();
        return log;
    }

    private sealed class Log
    {
        public List<RecordBatch> Batches { get; } = [];

        public long LogStart { get; set; }

        public int Appends { get; set; }

        public int EndLookups { get; set; }

        public long End => Batches.Count > 0 ? Batches[^1].NextOffset : LogStart;
    }
}

/// <summary>Something was appended to a partition: parked fetches may be answered.</summary>
public sealed record DataAppended(TopicPartition Partition);
