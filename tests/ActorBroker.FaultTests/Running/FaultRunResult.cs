using ActorBroker.FaultTests.Checking;

namespace ActorBroker.FaultTests.Running;

/// <summary>What a fault run found: the checker's verdict, each fault's recovery, the kinds that could not run here and why, and the report table.</summary>
public sealed record FaultRunResult(CheckResult Check, IReadOnlyList<FaultOutcome> Faults, IReadOnlyList<string> Unavailable, string Table)
{
    /// <summary>Where every node process's whole output was written; <see cref="FaultRunAssertions"/> deletes it when the run passed.</summary>
    public string? LogsDirectory { get; init; }

    /// <summary>Faults whose cluster did not serve again within <paramref name="deadline"/> of the heal.</summary>
    public IReadOnlyList<FaultOutcome> SlowerThan(TimeSpan deadline) => [.. Faults.Where(f => f.Recovery is null || f.Recovery > deadline)];
}
