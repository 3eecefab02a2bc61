namespace ActorBroker.FaultTests.Checking;

/// <summary>
/// What <see cref="QueueChecker"/> found. Lost, unexpected and offset mismatches break acks=all's promise; replicas
/// that differ (one line per partition whose replicas are not byte-for-byte the same) break replication's; duplicates
/// and order inversions are reported too (the producer is not idempotent, so retries may duplicate). Failed records
/// that were read anyway are allowed: a failed produce has an unknown outcome.
/// </summary>
public sealed record CheckResult(
    int Sent,
    int Acked,
    int Failed,
    int Read,
    IReadOnlyList<Ack> Lost,
    IReadOnlyList<string> Duplicated,
    IReadOnlyList<Read> Unexpected,
    IReadOnlyList<string> OffsetMismatches,
    IReadOnlyList<string> OrderInversions,
    int FailedButRead,
    IReadOnlyList<string> ReplicasDiffer)
{
    /// <summary>No acknowledged record lost or moved, and nothing read that was never sent.</summary>
    public bool Safe => Lost.Count == 0 && Unexpected.Count == 0 && OffsetMismatches.Count == 0;
}
