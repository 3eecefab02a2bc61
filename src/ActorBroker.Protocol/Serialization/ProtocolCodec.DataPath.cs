using ActorBroker.Protocol.Messages;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Protocol.Serialization;

/// <summary>
/// Produce, fetch and list offsets: the hot path. Record batches go on the wire as the producer encoded them; reading
/// copies a message's batch bytes once into one array that its batches share.
/// </summary>
public static partial class ProtocolCodec
{
    private const string ProduceRequestManifest = "PQ";
    private const string ProduceResponseManifest = "PR";
    private const string FetchRequestManifest = "FQ";
    private const string FetchResponseManifest = "FR";
    private const string ListOffsetsRequestManifest = "LQ";
    private const string ListOffsetsResponseManifest = "LR";

    /// <summary>No response carries more batches than this; a larger count is malformed.</summary>
    private const int MaxBatchesPerResponse = 1_000_000;

    private static bool TryWriteDataPath(object message, WireWriter w)
    {
        switch (message)
        {
            case ProduceRequest m:
                w.TopicPartition(m.Partition);
                w.Int16((short)m.Acks);
                w.Int32(m.TimeoutMs);
                w.Int64(m.CorrelationId);
                w.Int32(m.SizeInBytes);
                foreach (var batch in m.Batches) w.Bytes(batch.Bytes.Span);
                return true;
            case ProduceResponse m:
                w.TopicPartition(m.Partition);
                w.Int16((short)m.Error);
                w.Int64(m.BaseOffset);
                w.Int64(m.LogAppendTime);
                w.Int64(m.LogStartOffset);
                w.LongString(m.ErrorMessage);
                w.Int64(m.CorrelationId);
                return true;
            case FetchRequest m:
                w.TopicPartition(m.Partition);
                w.Int64(m.FetchOffset);
                w.Int32(m.MaxBytes);
                w.Int32(m.MinBytes);
                w.Int32(m.MaxWaitMs);
                w.Int32(m.CurrentLeaderEpoch);
                w.String(m.ReplicaId);
                w.Int64(m.CorrelationId);
                return true;
            case FetchResponse m:
                WriteFetchResponse(m, w);
                return true;
            case ListOffsetsRequest m:
                w.TopicPartition(m.Partition);
                w.Int64(m.Timestamp);
                w.Int64(m.CorrelationId);
                return true;
            case ListOffsetsResponse m:
                w.TopicPartition(m.Partition);
                w.Int16((short)m.Error);
                w.Int64(m.Timestamp);
                w.Int64(m.Offset);
                w.LongString(m.ErrorMessage);
                w.Int64(m.CorrelationId);
                return true;
            default:
                return false;
        }
    }

    private static object? ReadDataPath(ref WireReader r, string manifest) => manifest switch
    {
        ProduceRequestManifest => new ProduceRequest(r.TopicPartition(), (Acks)r.Int16(), r.Int32(), ReadProducedBatches(ref r, out var correlation), correlation),
        ProduceResponseManifest => new ProduceResponse(r.TopicPartition(), (ErrorCode)r.Int16(), r.Int64(), r.Int64(), r.Int64(), r.LongString(), r.Int64()),
        FetchRequestManifest => new FetchRequest(r.TopicPartition(), r.Int64(), r.Int32(), r.Int32(), r.Int32(), r.Int32(), r.String(), r.Int64()),
        FetchResponseManifest => ReadFetchResponse(ref r),
        ListOffsetsRequestManifest => new ListOffsetsRequest(r.TopicPartition(), r.Int64(), r.Int64()),
        ListOffsetsResponseManifest => new ListOffsetsResponse(r.TopicPartition(), (ErrorCode)r.Int16(), r.Int64(), r.Int64(), r.LongString(), r.Int64()),
        _ => null,
    };

    private static void WriteFetchResponse(FetchResponse m, WireWriter w)
    {
        w.TopicPartition(m.Partition);
        w.Int16((short)m.Error);
        w.Int64(m.HighWatermark);
        w.Int64(m.LogStartOffset);
        w.LongString(m.ErrorMessage);
        w.Int64(m.CorrelationId);
        var total = 0;
        foreach (var batch in m.Batches) total = checked(total + batch.SizeInBytes);
        w.Int32(m.Batches.Count);
        w.Int32(total);
        foreach (var batch in m.Batches) w.Bytes(batch.Bytes.Span);
    }

    // The correlation id precedes the batches on the wire so they can be read last, straight to the end.
    private static IReadOnlyList<RecordBatch> ReadProducedBatches(ref WireReader r, out long correlationId)
    {
        correlationId = r.Int64();
        var bytes = r.Take(r.Int32()).ToArray();
        if (bytes.Length == 0) throw new FormatException("a produce request holds no record batch");
        try
        {
            return RecordBatch.SplitConcatenated(bytes);
        }
        catch (InvalidDataException)
        {
            // Lengths that do not add up: handed on as one batch, which the partition refuses as CorruptMessage, so
            // the producer gets a typed answer instead of a dropped message and a timeout.
            return [new RecordBatch(bytes)];
        }
    }

    private static FetchResponse ReadFetchResponse(ref WireReader r)
    {
        var partition = r.TopicPartition();
        var error = (ErrorCode)r.Int16();
        var highWatermark = r.Int64();
        var logStartOffset = r.Int64();
        var message = r.LongString();
        var correlationId = r.Int64();
        var count = r.Int32();
        if (count < 0 || count > MaxBatchesPerResponse) throw new FormatException($"implausible batch count {count}");
        var total = r.Int32();
        var batches = total == 0 ? [] : RecordBatch.SplitConcatenated(r.Take(total).ToArray());
        if (batches.Count != count) throw new FormatException($"response says {count} batches but holds {batches.Count}");
        return new FetchResponse(partition, error, highWatermark, logStartOffset, batches, message, correlationId);
    }
}
