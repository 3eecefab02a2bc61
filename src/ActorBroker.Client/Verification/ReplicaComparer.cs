using ActorBroker.Protocol.Records;

namespace ActorBroker.Client.Verification;

/// <summary>
/// Walks the replicas of one partition in step, batch by batch, from the newest log start among them until one of
/// them reaches its high watermark, and stops at the first batch that is not byte-for-byte the same everywhere.
/// Followers store the leader's batches as fetched (offsets and leader epoch included), so replicas in sync hold
/// identical bytes and identical batch boundaries; anything else is a divergence.
/// </summary>
internal static class ReplicaComparer
{
    public static async Task<PartitionReplicaComparison> CompareAsync(int partition, IReadOnlyList<ReplicaReader> replicas, CancellationToken cancellationToken)
    {
        var readable = new List<ReplicaReader>();
        foreach (var replica in replicas)
            if (await replica.OpenAsync(cancellationToken).ConfigureAwait(false)) readable.Add(replica);
        var from = readable.Count == 0 ? 0 : readable.Max(r => r.LogStartOffset);
        var offset = from;
        string? difference = null;
        while (readable.Count > 0 && difference is null)
        {
            var heads = new RecordBatch?[readable.Count];
            for (var i = 0; i < readable.Count; i++) heads[i] = await readable[i].BatchAtAsync(offset, cancellationToken).ConfigureAwait(false);
            if (Array.Exists(heads, h => h is null)) break; // one replica's high watermark, or it failed: the end of what all hold
            for (var i = 1; i < heads.Length && difference is null; i++)
                if (!Same(heads[0]!, heads[i]!))
                    difference = $"differ at offset {offset}: {readable[0].Node} has {Describe(heads[0]!)}, {readable[i].Node} has {Describe(heads[i]!)}";
            if (difference is null) offset = heads[0]!.NextOffset;
        }

        return new PartitionReplicaComparison(partition, [.. replicas.Select(r => r.Extent)], from, offset, difference);
    }

    private static bool Same(RecordBatch a, RecordBatch b) => a.BaseOffset == b.BaseOffset && a.Bytes.Span.SequenceEqual(b.Bytes.Span);

    private static string Describe(RecordBatch batch) =>
        $"batch {batch.BaseOffset}..{batch.LastOffset} (leader epoch {batch.PartitionLeaderEpoch}, {batch.SizeInBytes} bytes, crc {batch.Crc:x8})";
}
