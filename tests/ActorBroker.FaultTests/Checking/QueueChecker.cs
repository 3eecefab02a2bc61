namespace ActorBroker.FaultTests.Checking;

/// <summary>
/// Checks a queue workload's history after the cluster healed: every acknowledged record must be read back exactly
/// where its acknowledgement said, nothing unsent may appear, and each producer's records must keep their order
/// within a partition. Pure logic, so its verdicts have their own fast tests.
/// </summary>
public static class QueueChecker
{
    /// <param name="replicasDiffer">The partitions whose replicas were compared after the run and found to differ, described.</param>
    public static CheckResult Check(History history, IReadOnlyList<string> replicasDiffer)
    {
        var sent = history.Sent as IReadOnlySet<string> ?? history.Sent.ToHashSet(StringComparer.Ordinal);
        var readAt = new Dictionary<string, List<Read>>(StringComparer.Ordinal);
        var unexpected = new List<Read>();
        foreach (var read in history.Reads)
        {
            if (!sent.Contains(read.Value)) unexpected.Add(read);
            if (!readAt.TryGetValue(read.Value, out var places)) readAt[read.Value] = places = [];
            places.Add(read);
        }

        var lost = new List<Ack>();
        var mismatches = new List<string>();
        foreach (var ack in history.Acks)
        {
            if (!readAt.TryGetValue(ack.Value, out var places)) lost.Add(ack);
            else if (!places.Any(r => r.Partition == ack.Partition && r.Offset == ack.Offset))
                mismatches.Add($"{ack.Value} acked at {ack.Partition}@{ack.Offset}, read at {string.Join(", ", places.Select(r => $"{r.Partition}@{r.Offset}"))}");
        }

        var duplicated = readAt.Where(p => p.Value.Count > 1)
            .Select(p => $"{p.Key} read {p.Value.Count} times: {string.Join(", ", p.Value.Select(r => $"{r.Partition}@{r.Offset}"))}")
            .Order(StringComparer.Ordinal).ToList();
        var failedButRead = history.Failures.Count(f => readAt.ContainsKey(f.Value));
        return new CheckResult(sent.Count, history.Acks.Count, history.Failures.Count, history.Reads.Count, lost, duplicated, unexpected, mismatches,
            OrderInversions(history.Reads), failedButRead, replicasDiffer);
    }

    /// <summary>
    /// Within each partition, in offset order, the first copy of each producer's records must have growing sequence
    /// numbers (a later copy is a duplicate, reported as such). One inversion is reported per out-of-order record.
    /// </summary>
    public static List<string> OrderInversions(IEnumerable<Read> reads)
    {
        var inversions = new List<string>();
        foreach (var partition in reads.GroupBy(r => r.Partition).OrderBy(g => g.Key))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var last = new Dictionary<string, (long Sequence, long Offset)>(StringComparer.Ordinal);
            foreach (var read in partition.OrderBy(r => r.Offset))
            {
                if (RecordValue.TryParse(read.Value) is not { } value || !seen.Add(read.Value)) continue;
                if (last.TryGetValue(value.Producer, out var previous) && value.Sequence < previous.Sequence)
                {
                    inversions.Add($"partition {partition.Key}: {read.Value} at offset {read.Offset} after {value.Producer}:{previous.Sequence} at offset {previous.Offset}");
                    continue;
                }

                last[value.Producer] = (value.Sequence, read.Offset);
            }
        }

        return inversions;
    }
}
