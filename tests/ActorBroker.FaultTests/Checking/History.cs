namespace ActorBroker.FaultTests.Checking;

/// <summary>A record the broker acknowledged: the partition and offset its acknowledgement named.</summary>
public sealed record Ack(string Value, int Partition, long Offset);

/// <summary>A record whose produce failed (its outcome is unknown: the broker may still have stored it).</summary>
public sealed record Failure(string Value, string Error);

/// <summary>A record the final read returned, at a partition and offset.</summary>
public sealed record Read(int Partition, long Offset, string Value);

/// <summary>Everything a run saw: values sent, their outcomes, and the final read of every partition from the beginning.</summary>
public sealed record History(IReadOnlyCollection<string> Sent, IReadOnlyList<Ack> Acks, IReadOnlyList<Failure> Failures, IReadOnlyList<Read> Reads);
