using ActorBroker.Protocol.Records;

namespace ActorBroker.Broker.Tests.Partitions;

/// <summary>Record batches for tests, built the way a producer builds them.</summary>
internal static class Batches
{
    /// <summary>A batch of <paramref name="records"/> records stamped <paramref name="timestamp"/>, +1 ms each, with values of <paramref name="valueBytes"/> bytes.</summary>
    public static RecordBatch Of(int records, long timestamp = 1_000, int valueBytes = 16)
    {
        using var builder = new RecordBatchBuilder(1 << 20);
        for (var i = 0; i < records; i++)
        {
            var value = new byte[valueBytes];
            value.AsSpan().Fill((byte)('a' + i % 26));
            if (!builder.TryAppend(timestamp + i, null, value)) throw new InvalidOperationException("test batch too large");
        }
        return builder.Build();
    }

    /// <summary>One record per timestamp, in that order.</summary>
    public static RecordBatch WithTimestamps(params long[] timestamps)
    {
        using var builder = new RecordBatchBuilder(1 << 20);
        foreach (var timestamp in timestamps) builder.TryAppend(timestamp, null, [1, 2, 3]);
        return builder.Build();
    }

    /// <summary>A batch as a partition stores it: offsets from <paramref name="baseOffset"/>, written in leader epoch <paramref name="epoch"/>.</summary>
    public static RecordBatch Stored(long baseOffset, int records, long timestamp = 1_000, int valueBytes = 16, int epoch = 0) =>
        Of(records, timestamp, valueBytes).WithOffsets(baseOffset, epoch);

    /// <summary>The offsets of every record of <paramref name="batches"/>, in order.</summary>
    public static List<long> OffsetsOf(IEnumerable<RecordBatch> batches)
    {
        var offsets = new List<long>();
        foreach (var batch in batches)
        {
            foreach (var record in batch.Records) offsets.Add(record.Offset);
        }
        return offsets;
    }
}
