using ActorBroker.Protocol.Records;

namespace ActorBroker.Kafka.Apis;

/// <summary>
/// Trims a fetch response to Kafka's limits, partition by partition in request order: whole batches while they fit
/// both the partition's partition_max_bytes and what is left of the response's max_bytes, except that the first batch
/// of the response is always returned, however large (KIP-74), so a consumer can never be stuck behind a big batch.
/// A partition stops at its first batch that does not fit: the client fetches again from the offset after the last one
/// it got, so a gap would lose records.
/// </summary>
internal sealed class FetchSizeBudget(int responseMaxBytes)
{
    private long _left = responseMaxBytes;
    private bool _anyReturned;

    public IReadOnlyList<RecordBatch> Take(IReadOnlyList<RecordBatch> batches, int partitionMaxBytes)
    {
        long partitionBytes = 0;
        var kept = 0;
        for (; kept < batches.Count; kept++)
        {
            var size = batches[kept].SizeInBytes;
            var fits = partitionBytes + size <= partitionMaxBytes && size <= _left;
            if (!fits && _anyReturned) break;
            partitionBytes += size;
            _left -= size;
            _anyReturned = true;
        }

        if (kept == batches.Count) return batches;
        var taken = new RecordBatch[kept];
        for (var b = 0; b < kept; b++) taken[b] = batches[b];
        return taken;
    }
}
