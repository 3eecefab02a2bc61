using ActorBroker.Kafka.Wire;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Messages;

/// <summary>Fetch's response (see <see cref="FetchRequest"/>).</summary>
/// <param name="ErrorCode">The request's own error (v7+), such as a fetch session error; partitions carry theirs.</param>
/// <param name="SessionId">The fetch session (v7+), 0 when there is none.</param>
public sealed record FetchResponse(short ErrorCode, int SessionId, IReadOnlyList<FetchTopicResponse> Topics, int ThrottleTimeMs = 0) : IKafkaResponse
{
    /// <summary>
    /// The bytes of every record set: a writer created with at least this much (plus room for the fields) copies the
    /// batches into the frame once, instead of again each time its pooled buffer doubles.
    /// </summary>
    public long RecordBytes()
    {
        long total = 0;
        for (var t = 0; t < Topics.Count; t++)
        {
            var partitions = Topics[t].Partitions;
            for (var p = 0; p < partitions.Count; p++) total += partitions[p].RecordBytes();
        }

        return total;
    }

    /// <summary>The record sets plus room for the fields around them; capped where a frame could not be larger anyway.</summary>
    int IKafkaResponse.WriterCapacity => (int)Math.Min(RecordBytes() + 1024, int.MaxValue / 2);

    public void Write(KafkaWriter writer, short version)
    {
        if (version >= 1) writer.Int32(ThrottleTimeMs);
        if (version >= 7)
        {
            writer.Int16(ErrorCode);
            writer.Int32(SessionId);
        }

        writer.ArrayLength(Topics.Count);
        for (var t = 0; t < Topics.Count; t++)
        {
            var topic = Topics[t];
            writer.String(topic.Topic);
            writer.ArrayLength(topic.Partitions.Count);
            for (var p = 0; p < topic.Partitions.Count; p++) topic.Partitions[p].Write(writer, version);
            writer.TaggedFields();
        }

        writer.TaggedFields();
    }
}

public sealed record FetchTopicResponse(string Topic, IReadOnlyList<FetchPartitionResponse> Partitions);

/// <param name="LastStableOffset">v4+; without transactions it equals the high watermark.</param>
/// <param name="LogStartOffset">v5+, -1 if unknown.</param>
/// <param name="Records">Whole batches in offset order; null writes a null record set.</param>
/// <param name="AbortedTransactions">v4+; null writes a null array (what a read-uncommitted fetch gets).</param>
/// <param name="PreferredReadReplica">v11+, -1: read from the leader.</param>
public sealed record FetchPartitionResponse(
    int PartitionIndex,
    short ErrorCode,
    long HighWatermark,
    long LastStableOffset,
    long LogStartOffset,
    IReadOnlyList<RecordBatch>? Records,
    IReadOnlyList<FetchAbortedTransaction>? AbortedTransactions = null,
    int PreferredReadReplica = -1)
{
    internal void Write(KafkaWriter writer, short version)
    {
        writer.Int32(PartitionIndex);
        writer.Int16(ErrorCode);
        writer.Int64(HighWatermark);
        if (version >= 4)
        {
            writer.Int64(LastStableOffset);
            if (version >= 5) writer.Int64(LogStartOffset);
            if (AbortedTransactions is null) writer.ArrayLength(-1);
            else
            {
                writer.ArrayLength(AbortedTransactions.Count);
                for (var a = 0; a < AbortedTransactions.Count; a++)
                {
                    writer.Int64(AbortedTransactions[a].ProducerId);
                    writer.Int64(AbortedTransactions[a].FirstOffset);
                    writer.TaggedFields();
                }
            }
        }

        if (version >= 11) writer.Int32(PreferredReadReplica);
        WriteRecords(writer);
        // v12's tagged fields (diverging epoch, current leader, snapshot id) are for followers and KRaft: none written.
        writer.TaggedFields();
    }

    internal long RecordBytes()
    {
        if (Records is null) return 0;
        long size = 0;
        for (var b = 0; b < Records.Count; b++) size += Records[b].SizeInBytes;
        return size;
    }

    /// <summary>The size first, then each stored batch's bytes as they are: no joined copy of the record set.</summary>
    private void WriteRecords(KafkaWriter writer)
    {
        if (Records is null)
        {
            writer.NullableBytes(default, isNull: true);
            return;
        }

        var size = RecordBytes();
        if (size > int.MaxValue) throw new InvalidOperationException($"a record set of {size} bytes does not fit a Kafka RECORDS field");
        writer.BytesLength((int)size);
        for (var b = 0; b < Records.Count; b++) writer.Raw(Records[b].Bytes.Span);
    }
}

public readonly record struct FetchAbortedTransaction(long ProducerId, long FirstOffset);
