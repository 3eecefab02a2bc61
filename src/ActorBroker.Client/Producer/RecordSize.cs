using System.Text;
using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Producer;

/// <summary>Upper bounds of encoded sizes (like Kafka's estimateSizeInBytesUpperBound), for buffer.memory and max.request.size.</summary>
internal static class RecordSize
{
    // length varint (5) + attributes (1) + timestamp delta varlong (10) + offset delta (5) + key and value lengths (5 + 5) + header count (5).
    private const int RecordOverhead = 36;

    public static int UpperBound(byte[]? key, byte[]? value, IReadOnlyList<RecordHeader>? headers)
    {
        long size = RecordOverhead + (key?.Length ?? 0) + (value?.Length ?? 0);
        if (headers is not null)
            foreach (var header in headers)
                size += 10 + Encoding.UTF8.GetByteCount(header.Key) + (header.Value?.Length ?? 0);
        return size > int.MaxValue ? int.MaxValue : (int)size;
    }

    /// <summary>The smallest batch that can hold a record of <paramref name="recordSize"/> bytes.</summary>
    public static long InBatch(int recordSize) => (long)RecordBatch.HeaderSize + recordSize;
}
