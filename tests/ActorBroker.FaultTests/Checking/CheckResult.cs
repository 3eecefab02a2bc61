namespace ActorBroker.FaultTests.Checking;

/// <summary>
/// What <see cref="QueueChecker"/> found. Lost, unexpected and offset mismatches break acks=all's promise; duplicates
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
    string ReplicasDiffer)
{
    /// <summary>Why identical replicas cannot be checked: the client facade reads only from partition leaders.</summary>
    public const string ReplicasNotReadable = "not available: the client facade reads only from each partition's leader";

    /// <summary>No acknowledged record lost or moved, and nothing read that was never sent.</summary>
    public bool Safe => Lost.Count == 0 && Unexpected.Count == 0 && OffsetMismatches.Count == 0;
}
